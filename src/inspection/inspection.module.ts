import { Module } from '@nestjs/common';
import { RulesetsModule } from '../rulesets/rulesets.module';
import { InspectionHttpController } from './inspection.http.controller';
import { InspectionService } from './inspection.service';
import { InspectionIndexService } from './inspection-index.service';

@Module({
  imports: [RulesetsModule],
  controllers: [InspectionHttpController],
  providers: [InspectionService, InspectionIndexService],
})
export class InspectionModule {}
