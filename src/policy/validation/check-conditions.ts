import type { ConditionClause, Finding, PolicyDocument, Statement } from '../document/types.ts';
import { type ActionCatalog, conditionKeyType, isMultivaluedType } from './action-catalog.ts';
import { checkConditionValue } from './condition-values.ts';
import { finding, statementLabel } from './finding.ts';
import { type OperatorValueType, parseOperator } from './operator-catalog.ts';

/** Operator families that may compare a key of each AWS key type (GKEYS types, item types stripped of ArrayOf). */
const COMPATIBLE: Readonly<Record<string, readonly OperatorValueType[]>> = {
  String: ['String'],
  ARN: ['Arn', 'String'],
  Numeric: ['Numeric'],
  // aws:EpochTime and friends accept date or numeric comparison (GKEYS).
  Date: ['Date', 'Numeric'],
  Bool: ['Bool'],
  IPAddress: ['IpAddress'],
  Binary: ['Binary'],
};

/** Checks every condition clause: operator names, value types, variables, qualifiers and keys. */
export function checkConditions(policy: PolicyDocument, catalog: ActionCatalog | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const s of policy.statements) {
    for (const clause of s.conditions) findings.push(...checkClause(s, clause, catalog));
  }
  return findings;
}

function checkClause(s: Statement, clause: ConditionClause, catalog: ActionCatalog | undefined): Finding[] {
  const where = statementLabel(s);
  const findings: Finding[] = [];
  const add = (severity: Finding['severity'], code: string, message: string, pointer = clause.pointer) =>
    findings.push(finding(severity, code, `${where}: ${message}`, pointer));
  const operatorPointer = clause.pointer.slice(0, clause.pointer.lastIndexOf('/'));

  checkKeyName(clause, catalog, add);
  const parsed = parseOperator(clause.operator);
  if (!parsed.ok) {
    const hint = parsed.suggestion ? `; did you mean \`${parsed.suggestion}\`?` : '';
    add('error', 'unknown-operator', `unknown condition operator \`${clause.operator}\`${hint}`, operatorPointer);
    return findings;
  }
  const { base, setOperator, ifExists } = parsed;
  if (base.name === 'Null' && ifExists) {
    add(
      'error',
      'ifexists-on-null',
      '`Null` cannot take `IfExists`: it already tests whether the key exists',
      operatorPointer,
    );
  }
  if (base.name === 'Null' && setOperator) {
    add('error', 'set-operator-on-null', `\`${setOperator}:\` cannot qualify \`Null\``, operatorPointer);
  }

  clause.values.forEach((value, i) => {
    const pointer = `${clause.pointer}/${i}`;
    if (value.includes('${')) {
      if (base.variables) return;
      if (base.type === 'Bool') {
        // The OPS and VARS pages disagree on variables in Bool (policy-semantics §16).
        add(
          'warning',
          'variable-in-bool',
          `the policy variable in \`${value}\` may not be substituted under \`Bool\``,
          pointer,
        );
        return;
      }
      add(
        'error',
        'variable-not-allowed',
        `\`${clause.operator}\` does not accept policy variables: \`${value}\``,
        pointer,
      );
      return;
    }
    const problem = checkConditionValue(base.type, value);
    if (problem) add(problem.severity, problem.code, `\`${value}\` ${problem.detail} (key \`${clause.key}\`)`, pointer);
    if (base.type === 'String' && !base.name.includes('Like') && /[*?]/.test(value)) {
      add(
        'warning',
        'wildcard-in-string-equals',
        `\`${value}\` holds a wildcard, but \`${base.name}\` compares literally; use \`StringLike\` to match patterns`,
        pointer,
      );
    }
  });

  const keyType = conditionKeyType(clause.key, catalog);
  if (keyType && base.name !== 'Null') {
    const itemType = keyType.replace(/^ArrayOf/, '');
    const allowed = COMPATIBLE[itemType];
    if (allowed && !allowed.includes(base.type)) {
      add(
        'warning',
        'operator-type-mismatch',
        `\`${clause.operator}\` compares ${base.type} values but \`${clause.key}\` is of type ${keyType}`,
      );
    }
    const multivalued = isMultivaluedType(keyType);
    if (setOperator && !multivalued) {
      add(
        'warning',
        'set-operator-on-single-valued-key',
        `\`${setOperator}:\` on the single-valued key \`${clause.key}\` treats it as a one-element set and can be overly permissive (SETOPS)`,
      );
    }
    if (!setOperator && multivalued) {
      add(
        'warning',
        'missing-set-operator',
        `\`${clause.key}\` is multivalued: qualify \`${clause.operator}\` with \`ForAnyValue:\` or \`ForAllValues:\``,
      );
    }
  }
  if (setOperator === 'ForAllValues' && s.effect === 'Allow' && !requiresKey(s, clause.key)) {
    add(
      'warning',
      'forallvalues-allows-absent-key',
      `\`ForAllValues:\` is true when \`${clause.key}\` is absent, so this Allow also applies to requests without it; add \`"Null": {"${clause.key}": "false"}\``,
    );
  }
  return findings;
}

function checkKeyName(
  clause: ConditionClause,
  catalog: ActionCatalog | undefined,
  add: (severity: Finding['severity'], code: string, message: string) => void,
): void {
  if (!/^[^:\s]+:\S+$/.test(clause.key)) {
    add('error', 'malformed-condition-key', `condition key \`${clause.key}\` must look like \`service:KeyName\``);
    return;
  }
  if (catalog && !catalog.conditionKeyKnown(clause.key)) {
    add('warning', 'unknown-condition-key', `unknown condition key \`${clause.key}\``);
  }
}

/** Whether the statement also requires the key to be present (`Null: {key: false}`). */
function requiresKey(s: Statement, key: string): boolean {
  const lower = key.toLowerCase();
  return s.conditions.some(
    (c) => c.operator === 'Null' && c.key.toLowerCase() === lower && c.values.length === 1 && c.values[0] === 'false',
  );
}
