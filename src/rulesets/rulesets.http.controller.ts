import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/auth.guard';
import { requireAnyRole } from '../auth/policy';
import { ApiProblemResponses } from '../common/api-problems.decorator';
import { ValidationFailedError } from '../common/app-error';
import type { RequestContext } from '../common/request-context';
import { Ctx } from '../common/request-context.decorator';
import type { RulesetDef } from '../timeliness/model';
import { validateRulesetDefinition } from '../timeliness/ruleset-validation';
import { RulesetNotFoundError } from './ruleset.errors';
import { PublishedRulesetVersion, RulesetStore } from './ruleset-store';

class PublishRulesetVersionRequestDto {
  @ApiPropertyOptional({ description: 'The version to publish; must be the next one. Omit it to take the next one.', example: 2 })
  version?: number;

  @ApiProperty({ example: 'England and Wales, with a 12-hour first victim contact' })
  title!: string;

  @ApiProperty({
    description:
      'The rules: { id, title, source: {text, kind}, start: {type, where?, occurrence}, stop: {type, where?, match?}, limit: null | [{effectiveFrom, duration? | months? | workingDays?}], calendar } (DESIGN.md section 5). GET /v1/rulesets/england-and-wales shows a complete example.',
    type: 'array',
    items: { type: 'object' },
  })
  rules!: unknown[];
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function view(v: PublishedRulesetVersion) {
  return { ...v.ruleset, publishedAt: v.publishedAt, publishedBy: { sub: v.publishedBy.sub, role: v.publishedBy.role } };
}

@ApiTags('rulesets')
@ApiBearerAuth()
@Controller('v1/rulesets')
export class RulesetsHttpController {
  constructor(private readonly rulesets: RulesetStore) {}

  @Get()
  @ApiOperation({ summary: 'The rulesets and their versions' })
  @ApiProblemResponses(401)
  async list() {
    const ids = this.rulesets.listIds();
    const rulesets = [];
    for (const id of ids) {
      const versions = await this.rulesets.versions(id);
      const latest = versions.at(-1)!;
      rulesets.push({
        id,
        title: latest.ruleset.title,
        latestVersion: latest.ruleset.version,
        versions: versions.map((v) => ({ version: v.ruleset.version, title: v.ruleset.title, publishedAt: v.publishedAt, rules: v.ruleset.rules.length })),
      });
    }
    return { rulesets };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Every version of a ruleset, with its rules' })
  @ApiProblemResponses(401, 404)
  async get(@Param('id') id: string) {
    const versions = await this.rulesets.versions(id);
    if (versions.length === 0) throw new RulesetNotFoundError(`No ruleset ${id}`);
    return { id, latestVersion: versions.at(-1)!.ruleset.version, versions: versions.map(view) };
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'One version of a ruleset' })
  @ApiProblemResponses(401, 404)
  async getVersion(@Param('id') id: string, @Param('version') version: string) {
    if (!/^[1-9]\d*$/.test(version)) throw new ValidationFailedError([{ path: 'version', message: 'version must be a positive whole number' }]);
    return view(await this.rulesets.get(id, Number(version)));
  }

  @Post(':id/versions')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({
    summary: 'Publish a new version of a ruleset (admin)',
    description: 'Never rewrites a measurement: every case can be measured under any version with ?ruleset=id@version.',
  })
  @ApiBody({ type: PublishRulesetVersionRequestDto })
  @ApiCreatedResponse({ description: 'The published version' })
  @ApiProblemResponses(400, 401, 403, 409)
  async publish(@Param('id') id: string, @Body() body: unknown, @Ctx() context: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const role = requireAnyRole(context.principal, ['admin']);
    if (!SLUG.test(id)) throw new ValidationFailedError([{ path: 'id', message: 'the ruleset id must be a slug such as england-and-wales' }]);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ValidationFailedError([{ path: '', message: 'the body must be a JSON object { version?, title, rules }' }]);
    }
    const { version, ...rest } = body as Record<string, unknown>;
    const next = version ?? ((await this.rulesets.versions(id)).at(-1)?.ruleset.version ?? 0) + 1;
    const definition = { id, version: next, ...rest };
    const errors = validateRulesetDefinition(definition);
    if (errors.length > 0) throw new ValidationFailedError(errors);
    const published = await this.rulesets.publish(definition as RulesetDef, { sub: context.principal.sub, role, force: context.principal.force }, context.correlationId);
    void reply.header('Location', `/v1/rulesets/${id}/versions/${published.ruleset.version}`);
    return view(published);
  }
}
