import {
  type CallHandler,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { type AccessPolicy, decideAccess, ownsResource, type Principal, type ResourceTenant, type TenantRule, TokenVerifier, UnauthenticatedError } from '@sagsspor/auth';
import { DomainError } from '@sagsspor/domain';
import type { Request } from 'express';
import { type Observable, tap } from 'rxjs';
import { problem } from './problem';

export const ACCESS_POLICY = 'sagsspor:access-policy';
export const PUBLIC_ROUTE = 'sagsspor:public-route';

/** An authenticated request: who is calling, and what the route's policy says for their role. */
export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  tenantRule?: TenantRule;
  tenantChecked?: boolean;
  /** The tenant of the resource the handler checked (assertTenant), for the audit log. */
  resourceTenant?: ResourceTenant;
  /** The bearer token's verification, done once per request: the rate limit and the guard both ask. */
  verification?: Promise<Principal>;
}

/**
 * The caller of a request, verified once per request (the rate limit keys on the subject before
 * routing; the guard authorises after). Rejects with UnauthenticatedError. TokenVerifier keeps a
 * verified token, so a caller's next requests cost a map lookup.
 */
export function verifiedPrincipalOf(request: Request, verifier: TokenVerifier): Promise<Principal> {
  const r = request as AuthenticatedRequest;
  r.verification ??= verifier.principalOf(request.headers.authorization);
  return r.verification;
}

/**
 * Declares who may call a route and how their tenant is checked (see AccessPolicy). Every route
 * declares one or is @Public(): the guard refuses a route that does neither.
 */
export function Access(policy: AccessPolicy): MethodDecorator & ClassDecorator {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    SetMetadata(ACCESS_POLICY, policy)(target, key as string, descriptor as PropertyDescriptor);
    ApiBearerAuth()(target, key as string, descriptor as PropertyDescriptor);
    ApiUnauthorizedResponse({ description: 'No valid bearer token' })(target, key as string, descriptor as PropertyDescriptor);
    ApiForbiddenResponse({ description: `Allowed for: ${Object.keys(policy).join(', ')} (own tenant only)` })(target, key as string, descriptor as PropertyDescriptor);
    return descriptor as never;
  };
}

/** A route anyone may call without a token: health, metrics. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The verified caller (a handler parameter). */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('no principal on an authenticated route');
  return principal;
});

/**
 * For routes whose rule is `resource`: the handler calls this with the loaded resource's tenant.
 * Another tenant's resource answers 404, as if it did not exist, so ids cannot be probed.
 */
export function assertTenant(request: Request, resource: ResourceTenant, notFound: () => DomainError): void {
  const r = request as AuthenticatedRequest;
  r.tenantChecked = true;
  r.resourceTenant = resource;
  if (!r.principal) throw new Error('assertTenant on a route without a principal');
  if (r.tenantRule === 'resource' && !ownsResource(r.principal, resource)) throw notFound();
}

/** The one place that authenticates and authorises every request (a global guard). */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const policy = this.reflector.getAllAndOverride<AccessPolicy>(ACCESS_POLICY, targets);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!policy) {
      // Fail closed: a route nobody declared a policy for is a bug, never an open door.
      throw problem(403, 'AUTH.NO_POLICY', 'Forbidden', 'This endpoint has no access policy');
    }
    let principal: Principal;
    try {
      principal = await verifiedPrincipalOf(request, this.verifier);
    } catch (error) {
      const message = error instanceof UnauthenticatedError ? error.message : 'The token is not valid here';
      throw problem(401, 'AUTH.UNAUTHENTICATED', 'Unauthenticated', message);
    }
    const decision = decideAccess(principal, policy, { method: request.method, body: request.body, params: request.params, query: request.query as Record<string, unknown> });
    request.principal = principal;
    if (!decision.allowed) throw problem(decision.status, decision.code, 'Forbidden', decision.message);
    request.tenantRule = decision.rule;
    return true;
  }
}

/** Fails a `resource` route whose handler answered without checking the resource's tenant. */
@Injectable()
export class TenantCheckInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return next.handle().pipe(
      tap(() => {
        if (request.tenantRule === 'resource' && !request.tenantChecked) {
          throw new Error(`route ${request.method} ${request.route?.path} declares a resource tenant rule but never called assertTenant`);
        }
      }),
    );
  }
}
