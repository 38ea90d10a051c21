import { randomUUID } from 'node:crypto';
import { IamError } from '../shared/index.ts';
import type { IamOperations } from './iam-operations.ts';
import { SERVICE_ROLE_PATH, checkDescription, checkRoleName, isServiceLinked, requireRole } from './holders.ts';
import { awsRef } from './policy-refs.ts';
import type * as P from './policy-types.ts';
import { insertRole } from './roles.ts';
import type { RequestContext } from './request-context.ts';
import { type ServiceCore, write } from './service-core.ts';
import { NAME, NAME_SOURCE, Violations } from './validation.ts';

/** Role-name stems AWS uses for common services (`AWSServiceRoleFor<stem>`); others are derived from the name. */
const KNOWN_STEMS: Readonly<Record<string, string>> = {
  'elasticbeanstalk.amazonaws.com': 'ElasticBeanstalk',
  'autoscaling.amazonaws.com': 'AutoScaling',
  'elasticloadbalancing.amazonaws.com': 'ElasticLoadBalancing',
  'ecs.amazonaws.com': 'ECS',
  'eks.amazonaws.com': 'AmazonEKS',
  'rds.amazonaws.com': 'RDS',
  'redshift.amazonaws.com': 'Redshift',
  'elasticache.amazonaws.com': 'ElastiCache',
  'spot.amazonaws.com': 'EC2Spot',
  'organizations.amazonaws.com': 'Organizations',
  'support.amazonaws.com': 'Support',
  'trustedadvisor.amazonaws.com': 'TrustedAdvisor',
  'config.amazonaws.com': 'Config',
  'cloudtrail.amazonaws.com': 'CloudTrail',
  'guardduty.amazonaws.com': 'AmazonGuardDuty',
  'securityhub.amazonaws.com': 'SecurityHub',
  'es.amazonaws.com': 'AmazonElasticsearchService',
  'opensearchservice.amazonaws.com': 'AmazonOpenSearchService',
  'sso.amazonaws.com': 'SSO',
  'ssm.amazonaws.com': 'AmazonSSM',
  'access-analyzer.amazonaws.com': 'AccessAnalyzer',
  'inspector2.amazonaws.com': 'AmazonInspector2',
  'compute-optimizer.amazonaws.com': 'ComputeOptimizer',
  'backup.amazonaws.com': 'Backup',
  'fsx.amazonaws.com': 'AmazonFSx',
  'kafka.amazonaws.com': 'Kafka',
  'globalaccelerator.amazonaws.com': 'GlobalAccelerator',
  'replication.dynamodb.amazonaws.com': 'DynamoDBReplication',
  'transitgateway.amazonaws.com': 'VPCTransitGateway',
  'ops.apigateway.amazonaws.com': 'APIGateway',
  'dynamodb.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_DynamoDBTable',
  'ecs.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_ECSService',
};

const SERVICE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

/** `AWSServiceRoleFor<stem>[_suffix]` for a service principal. */
export function serviceLinkedRoleName(service: string, suffix?: string): string {
  const known = KNOWN_STEMS[service];
  const stem =
    known ??
    service
      .replace(/\.amazonaws\.com(\.cn)?$/, '')
      .split(/[.-]/)
      .reverse()
      .map((w) => (w.length <= 3 ? w.toUpperCase() : w[0]?.toUpperCase() + w.slice(1)))
      .join('');
  return `AWSServiceRoleFor${stem}${suffix ? `_${suffix}` : ''}`;
}

/** The trust policy of a service-linked role: only the service may assume it. */
export function serviceTrustPolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
  });
}

const TASK = /^task\/aws-service-role\/([^/]+)\/([\w+=,.@-]+)\/[0-9a-f-]{36}$/;

type SlrOps = Pick<
  IamOperations,
  'createServiceLinkedRole' | 'deleteServiceLinkedRole' | 'getServiceLinkedRoleDeletionStatus'
>;

/** Service-linked roles: created and deleted only through these actions; ordinary edits are refused. */
export function serviceLinkedRoleOperations(core: ServiceCore): SlrOps {
  return {
    async createServiceLinkedRole(ctx: RequestContext, input: P.CreateServiceLinkedRoleInput) {
      const v = new Violations();
      if (!v.required('aWSServiceName', input.AWSServiceName)) {
        v.text('aWSServiceName', input.AWSServiceName, { min: 1, max: 128, pattern: NAME, patternSource: NAME_SOURCE });
      }
      checkDescription(v, input.Description);
      v.text('customSuffix', input.CustomSuffix, { min: 1, max: 64, pattern: NAME, patternSource: NAME_SOURCE });
      v.throwIfAny();
      const service = input.AWSServiceName;
      if (!SERVICE.test(service)) {
        throw new IamError('InvalidInput', `Service principal ${service} is not a valid AWS service principal.`);
      }
      const roleName = serviceLinkedRoleName(service, input.CustomSuffix);
      if (roleName.length > 64) {
        throw new IamError('InvalidInput', `The role name ${roleName} derived from the custom suffix is too long.`);
      }
      return write(core, ctx, async (tx) => {
        if (await tx.getRoleByName(ctx.accountId, roleName)) {
          throw new IamError(
            'InvalidInput',
            `Service role name ${roleName} has been taken in this account, please try a different suffix.`,
          );
        }
        const out = await insertRole(core, tx, ctx, {
          roleName,
          path: `${SERVICE_ROLE_PATH}${service}/`,
          assumeRolePolicyDocument: serviceTrustPolicy(service),
          description: input.Description ?? null,
          maxSessionDuration: 3600,
          permissionsBoundaryArn: null,
        });
        // Attach the service's AWS managed role policy when the catalogue has it.
        const stem = roleName.replace(/^AWSServiceRoleFor/, '').replace(/_.*$/, '');
        for (const name of [
          `AWS${stem}ServiceRolePolicy`,
          `${stem}ServiceRolePolicy`,
          `Amazon${stem}ServiceRolePolicy`,
        ]) {
          const entry = core.catalog.find(SERVICE_ROLE_PATH, name);
          if (!entry) continue;
          await tx.insertAttachment({
            accountId: ctx.accountId,
            holderType: 'role',
            holderId: out.Role.RoleId,
            policyRef: awsRef(entry),
            policyName: entry.policyName,
            policyPath: entry.path,
            attachDate: out.Role.CreateDate,
          });
          break;
        }
        return out;
      });
    },

    async deleteServiceLinkedRole(ctx: RequestContext, input: P.DeleteServiceLinkedRoleInput) {
      const v = new Violations();
      checkRoleName(v, input.RoleName);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        if (!isServiceLinked(role)) {
          throw new IamError('InvalidInput', `Role ${role.roleName} is not a service-linked role.`);
        }
        if ((await tx.listInstanceProfilesForRole(role.roleId)).length > 0) {
          throw new IamError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.');
        }
        for (const a of await tx.listAttachmentsOf(role.roleId)) await tx.deleteAttachment(role.roleId, a.policyRef);
        for (const p of await tx.listInlinePolicies(role.roleId))
          await tx.deleteInlinePolicy(role.roleId, p.policyName);
        await tx.deleteRole(role.roleId);
        const service = role.path.slice(SERVICE_ROLE_PATH.length, -1);
        return { DeletionTaskId: `task/aws-service-role/${service}/${role.roleName}/${randomUUID()}` };
      });
    },

    async getServiceLinkedRoleDeletionStatus(ctx: RequestContext, input: P.GetServiceLinkedRoleDeletionStatusInput) {
      const v = new Violations();
      if (!v.required('deletionTaskId', input.DeletionTaskId)) {
        v.text('deletionTaskId', input.DeletionTaskId, { min: 1, max: 1000 });
      }
      v.throwIfAny();
      // Deletion is synchronous here: a task is SUCCEEDED once its role is gone.
      const m = TASK.exec(input.DeletionTaskId);
      const roleName = m?.[2];
      if (roleName === undefined || (await core.store.getRoleByName(ctx.accountId, roleName))) {
        throw new IamError('NoSuchEntity', `Deletion task ${input.DeletionTaskId} cannot be found.`);
      }
      return { Status: 'SUCCEEDED' as const };
    },
  };
}
