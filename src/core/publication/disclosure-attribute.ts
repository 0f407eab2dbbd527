/**
 * 公开属性, decided at the source when a document is drafted (信息公开属性源头认定): 主动公开, 依申请公开, or 不予公开
 * with the ground and the article. 主动公开 documents enter the publication queue with the 20-working-day clock of
 * 第二十六条 running (timeliness.ts).
 *
 * The grounds are those of 条例第十四–十六条; each maps to the table-3 row a request for the document would be
 * answered under (same keys as src/core/report/layout.ts), so a later 依申请公开 answer starts from the decision
 * already taken.
 */
import { z } from 'zod';

export const disclosureAttributes = ['proactive', 'on_request', 'withheld'] as const;
export type DisclosureAttributeKind = (typeof disclosureAttributes)[number];

export const disclosureAttributeLabels: Readonly<Record<DisclosureAttributeKind, string>> = {
  proactive: '主动公开',
  on_request: '依申请公开',
  withheld: '不予公开',
};

export interface WithholdingGround {
  /** The article as cited in notices. */
  article: string;
  label: string;
  /** The table-3 row (layout.ts key) an on-request answer on this ground is counted in. */
  t3Row: 'denied1' | 'denied2' | 'denied3' | 'denied4' | 'denied5' | 'denied6' | 'denied7';
  /**
   * Withholding is not absolute: 第十五条 yields to the third party's consent or an overriding public interest,
   * 第十六条 says 可以不予公开 and yields to a law, regulation or rule requiring disclosure.
   */
  conditional: boolean;
}

export const withholdingGrounds = {
  state_secret: { article: '条例第十四条', label: '属于国家秘密', t3Row: 'denied1', conditional: false },
  prohibited_by_law: {
    article: '条例第十四条',
    label: '法律、行政法规禁止公开',
    t3Row: 'denied2',
    conditional: false,
  },
  security_stability: {
    article: '条例第十四条',
    label: '公开后可能危及国家安全、公共安全、经济安全、社会稳定',
    t3Row: 'denied3',
    conditional: false,
  },
  third_party: {
    article: '条例第十五条',
    label: '涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害',
    t3Row: 'denied4',
    conditional: true,
  },
  internal_affairs: {
    article: '条例第十六条第一款',
    label: '内部事务信息（人事管理、后勤管理、内部工作流程等）',
    t3Row: 'denied5',
    conditional: true,
  },
  process_information: {
    article: '条例第十六条第二款',
    label: '过程性信息（讨论记录、过程稿、磋商信函、请示报告等）',
    t3Row: 'denied6',
    conditional: true,
  },
  enforcement_files: {
    article: '条例第十六条第二款',
    label: '行政执法案卷信息',
    t3Row: 'denied7',
    conditional: true,
  },
} as const satisfies Record<string, WithholdingGround>;

export type WithholdingGroundKey = keyof typeof withholdingGrounds;
const groundKeys = Object.keys(withholdingGrounds) as [WithholdingGroundKey, ...WithholdingGroundKey[]];

export type DisclosureAttribute =
  | { kind: 'proactive' }
  /** Not published, given to whoever asks (e.g. information of interest to few); an optional note why. */
  | { kind: 'on_request'; note?: string }
  | { kind: 'withheld'; ground: WithholdingGroundKey; reason: string };

const MAX_REASON = 500;

/** The submitted form of the attribute, with Chinese messages naming the field. */
export const disclosureAttributeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('proactive') }),
  z.object({
    kind: z.literal('on_request'),
    note: z.string().trim().max(MAX_REASON, `说明不能超过 ${MAX_REASON} 字`).optional(),
  }),
  z.object({
    kind: z.literal('withheld'),
    ground: z.enum(groundKeys, { error: '请选择不予公开的依据（条例第十四、十五、十六条）' }),
    reason: z
      .string({ error: '请填写不予公开的理由' })
      .trim()
      .min(10, '不予公开的理由过于简单，请具体说明（至少 10 个字）')
      .max(MAX_REASON, `理由不能超过 ${MAX_REASON} 字`),
  }),
]);

/** Problems as field → Chinese message (the AppError VALIDATION shape), empty when valid. */
export function disclosureAttributeProblems(input: unknown): Record<string, string> {
  if (typeof input !== 'object' || input === null || !('kind' in input)) {
    return { kind: '请选择公开属性：主动公开、依申请公开或不予公开' };
  }
  const kind = (input as { kind: unknown }).kind;
  if (typeof kind !== 'string' || !(disclosureAttributes as readonly string[]).includes(kind)) {
    return { kind: '公开属性只能是主动公开、依申请公开或不予公开' };
  }
  const parsed = disclosureAttributeSchema.safeParse(input);
  if (parsed.success) return {};
  const out: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'kind');
    out[field] ??= issue.message;
  }
  return out;
}

/** “不予公开（条例第十四条：属于国家秘密）” — how lists and notices state the decision. */
export function describeDisclosureAttribute(attribute: DisclosureAttribute): string {
  if (attribute.kind !== 'withheld') return disclosureAttributeLabels[attribute.kind];
  const ground = withholdingGrounds[attribute.ground];
  return `不予公开（${ground.article}：${ground.label}）`;
}

/** Whether the document goes into the publication queue with the 第二十六条 clock running. */
export function entersPublicationQueue(attribute: DisclosureAttribute): boolean {
  return attribute.kind === 'proactive';
}
