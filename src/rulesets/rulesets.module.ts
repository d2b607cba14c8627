import { Module } from '@nestjs/common';
import { RulesetStore } from './ruleset-store';
import { RulesetsHttpController } from './rulesets.http.controller';

@Module({
  controllers: [RulesetsHttpController],
  providers: [RulesetStore],
  exports: [RulesetStore],
})
export class RulesetsModule {}
