import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@ocop/shared';

/** What a verified access token says about its bearer; attached to the request by the guard. */
export interface AuthenticatedUser {
  userId: string;
  role: Role;
  organisationId: string | null;
}

export const IS_PUBLIC = 'identity:public';
export const REQUIRED_ROLES = 'identity:roles';

/** Opens a route to anonymous callers. Every other route requires a valid access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to the given roles; a signed-in caller with another role gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const request = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>();
  if (!request.user) throw new Error('CurrentUser used on a public route');
  return request.user;
});

/** The signed-in caller on a @Public() route, or null for an anonymous one. */
export const OptionalUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser | null => {
    return context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user ?? null;
  },
);
