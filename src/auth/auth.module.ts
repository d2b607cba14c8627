import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccessAuditService } from './access-audit.service';
import { AuthGuard } from './auth.guard';
import { TOKEN_VERIFIER, TokenVerifier } from './token.service';

@Global()
@Module({
  providers: [
    { provide: TOKEN_VERIFIER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => TokenVerifier.fromConfig(config) },
    { provide: APP_GUARD, useClass: AuthGuard },
    AccessAuditService,
  ],
  exports: [TOKEN_VERIFIER, AccessAuditService],
})
export class AuthModule {}
