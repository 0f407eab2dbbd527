import { catalogueSchema, type Catalogue } from '../../core/publication/catalogue.ts';
import { defaultCatalogue } from '../../core/publication/default-catalogue.ts';
import type { IndexPeriodGranularity } from '../../core/publication/index-number.ts';
import { defaultReviewChain, reviewChainSchema, type ReviewStep } from '../../core/publication/review-chain.ts';
import type { AgencyWording } from '../../core/publication/wording-dictionary.ts';
import { isAgencyKind } from '../../core/platform/agency-kind.ts';
import { findPublicationSettings } from '../../db/repositories/publication/publication-repository.ts';
import type { AgencyRow, Executor } from '../../db/schema.ts';

/** An agency's publication settings, parsed; the defaults when it has none stored. */
export interface PublicationSettings {
  agencyId: string;
  catalogue: Catalogue;
  reviewChain: ReviewStep[];
  wording: AgencyWording;
  granularity: IndexPeriodGranularity;
  webhookUrl: string;
  webhookSecret: string;
  /** Switched off, the URL and secret are kept but nothing is sent. */
  webhookEnabled: boolean;
  version: number;
  stored: boolean;
}

export function defaultSettings(agency: Pick<AgencyRow, 'id' | 'kind'>): PublicationSettings {
  return {
    agencyId: agency.id,
    catalogue: defaultCatalogue(isAgencyKind(agency.kind) ? agency.kind : 'department'),
    reviewChain: defaultReviewChain.map((s) => ({ ...s, roles: [...s.roles] })),
    wording: {},
    granularity: 'year',
    webhookUrl: '',
    webhookSecret: '',
    webhookEnabled: false,
    version: 0,
    stored: false,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads the stored settings; a stored part that no longer parses falls back to its default (never a crash). */
export async function loadPublicationSettings(
  ex: Executor,
  agency: Pick<AgencyRow, 'id' | 'kind'>,
): Promise<PublicationSettings> {
  const row = await findPublicationSettings(ex, agency.id);
  const d = defaultSettings(agency);
  if (!row) return d;
  const catalogue = catalogueSchema.safeParse(parseJson(row.catalogue));
  const chain = reviewChainSchema.safeParse(parseJson(row.review_steps));
  const wording = parseJson(row.wording);
  return {
    agencyId: agency.id,
    catalogue: catalogue.success ? catalogue.data : d.catalogue,
    reviewChain: chain.success ? chain.data : d.reviewChain,
    wording: wording && typeof wording === 'object' ? (wording as AgencyWording) : {},
    granularity: row.index_granularity === 'month' ? 'month' : 'year',
    webhookUrl: row.webhook_url,
    webhookSecret: row.webhook_secret,
    webhookEnabled: row.webhook_enabled === 1,
    version: row.version,
    stored: true,
  };
}
