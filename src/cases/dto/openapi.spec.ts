/** The OpenAPI document at /docs, as built from the DTOs' metadata, for the write routes. */
import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiBody, ApiCreatedResponse, DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { AGENCIES } from '../domain/enums';
import { CASE_EVENT_TYPES, RECORDABLE_EVENT_TYPES } from '../domain/events';
import { OpenCaseRequestDto } from '../open-case/open-case.request.dto';
import { EVENT_DATA_DTO_CLASSES, RecordEntriesRequestDto } from '../record-entries/record-entries.request.dto';
import { AppendResponseDto } from './append.response.dto';
import { REQUIRED_EVENT_DATA } from './testing/event-data.examples';

@Controller('v1/cases')
class WriteRoutes {
  @Post()
  @ApiBody({ type: OpenCaseRequestDto })
  @ApiCreatedResponse({ type: AppendResponseDto })
  open(@Body() _body: unknown): void {}

  @Post(':caseId/events')
  @ApiBody({ type: RecordEntriesRequestDto })
  @ApiCreatedResponse({ type: AppendResponseDto })
  record(@Body() _body: unknown): void {}
}

@Module({ controllers: [WriteRoutes] })
class WriteRoutesModule {}

let doc: OpenAPIObject;
beforeAll(async () => {
  const app = await NestFactory.create(WriteRoutesModule, new FastifyAdapter(), { logger: false });
  doc = SwaggerModule.createDocument(app, new DocumentBuilder().build(), { extraModels: EVENT_DATA_DTO_CLASSES });
  await app.close();
});
const schemas = () => doc.components?.schemas as Record<string, SchemaObject>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

it('documents the data schema of every recordable type as one of the data of an entry', () => {
  const data = schemas().RecordEntryDto.properties?.data as SchemaObject;
  expect(data.oneOf).toEqual(RECORDABLE_EVENT_TYPES.map((type) => ref(`${type}DataDto`)));
  expect(data.description).toMatch(/depends on type/);
});

it('registers a schema for every type of the catalogue, each with a description', () => {
  for (const type of CASE_EVENT_TYPES) {
    expect(schemas()[`${type}DataDto`]).toMatchObject({ type: 'object', description: expect.stringContaining(type) });
  }
});

it('lists exactly the required fields of the catalogue as required', () => {
  for (const type of CASE_EVENT_TYPES) {
    expect([type, [...(schemas()[`${type}DataDto`].required ?? [])].sort()]).toEqual([type, Object.keys(REQUIRED_EVENT_DATA[type]).filter((f) => f !== 'data').sort()]);
  }
});

it('documents the limits that the validation enforces', () => {
  const props = (name: string) => schemas()[name].properties as Record<string, SchemaObject>;
  expect(props('VictimDetailsDto').ageAtReport).toMatchObject({ type: 'integer', minimum: 0, maximum: 17 });
  expect(props('CaseClosedDataDto').outcomeCode).toMatchObject({ type: 'integer', minimum: 1, maximum: 22 });
  expect(props('ContactMadeDataDto').notes).toMatchObject({ type: 'string', maxLength: 4000 });
  expect(props('CrimeRecordedDataDto').crimeRef).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
  expect(props('CaseOpenedDataDto').force).toMatchObject({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 });
  expect(props('CaseOpenedDataDto').victim).toMatchObject({ allOf: [ref('VictimDetailsDto')] });
  expect(props('StrategyDiscussionHeldDataDto').agencies).toMatchObject({ type: 'array', minItems: 1, items: ref('Agency') });
  expect(props('RecordEntriesRequestDto').events).toMatchObject({ type: 'array', minItems: 1, maxItems: 500, items: ref('RecordEntryDto') });
  expect(schemas().Agency.enum).toEqual([...AGENCIES]);
  expect(schemas().RecordableEventType.enum).toEqual([...RECORDABLE_EVENT_TYPES]);
});

it('documents the bodies of both write routes and their response', () => {
  const body = (path: string) => (doc.paths[path].post?.requestBody as { content: Record<string, { schema: unknown }> }).content['application/json'].schema;
  expect(body('/v1/cases')).toEqual(ref('OpenCaseRequestDto'));
  expect(body('/v1/cases/{caseId}/events')).toEqual(ref('RecordEntriesRequestDto'));
  expect(Object.keys(schemas().OpenCaseRequestDto.properties ?? {}).sort()).toEqual(
    ['area', 'caseId', 'eventId', 'force', 'groupBased', 'jurisdiction', 'report', 'victim'],
  );
  expect(schemas().OpenCaseReportDto.required).toEqual(expect.arrayContaining(['occurredAt', 'source', 'channel']));
  expect(schemas().AppendResponseDto.required).toEqual(['caseId', 'revision', 'events']);
  expect(schemas().AppendedEventDto.required).toEqual(['eventId', 'type', 'revision', 'position']);
});
