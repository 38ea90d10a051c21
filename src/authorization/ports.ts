/** What authorization reads from identity/: exactly the enforcement sources (ARCHITECTURE habit 4). */
import type { IdentityServices, ResourceRef } from '../identity/index.ts';

/** The part of IdentityServices an authorizer uses: principals' policies, resources, and roles' trust policies. */
export type AuthorizationIdentity = Pick<IdentityServices, 'policies' | 'resources' | 'roles'>;

/** The IAM entity types whose path and tags authorization reads. */
export type DescribedType = ResourceRef['type'];
