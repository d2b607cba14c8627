/** Builds the application exactly as `npm start` runs it; tests build it the same way. */
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { EVENT_DATA_DTO_CLASSES } from './cases/record-entries/record-entries.request.dto';
import type { AppOverrides } from './common/common.module';
import { MalformedJsonError } from './common/app-error';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import type { AppConfig } from './config/app-config';
import { MetricsService } from './observability/metrics.service';
import { createLogger, logRequests, requestIdOf } from './observability/logging';

export interface CreateAppOptions extends AppOverrides {
  /** Keep Nest's own start-up lines out of test output. */
  quiet?: boolean;
}

export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: requestIdOf,
    return503OnClosing: true,
    // No Nest middleware (the request log line is a Fastify hook): no Express-style middleware runner either.
    skipMiddie: true,
  });
  const logger = createLogger(config);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options, logger), adapter, {
    bufferLogs: true,
    abortOnError: false,
    logger: options.quiet ? false : undefined,
  });
  if (!options.quiet) app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.useGlobalFilters(new ProblemDetailsFilter());

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  // Fastify's own JSON parser (safe against prototype poisoning), with its failure told in our terms.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: config.bodyLimitBytes }, (request, body, done) => {
    parseJson(request as Parameters<typeof parseJson>[0], body as unknown as string, (error: Error | null, value?: unknown) => {
      if (error) done(new MalformedJsonError(body.length === 0 ? 'The body is empty: send a JSON object' : 'The body is not valid JSON'), undefined);
      else done(null, value);
    });
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('X-Request-Id', String(request.id));
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpRequests.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  logRequests(fastify, logger);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Case Timeline')
      .setDescription(
        'Records every report, contact, disruption action and charging decision of a child sexual exploitation case as an immutable event, and measures how timely each response was. Errors are application/problem+json with a stable `code`.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [...EVENT_DATA_DTO_CLASSES] },
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  await app.init();
  await fastify.ready();
  return app;
}
