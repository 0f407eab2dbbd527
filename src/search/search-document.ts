/**
 * What the publication module hands to the search index for one published item (主动公开 item), and what a
 * search returns. Dates are ISO "YYYY-MM-DD"; ids are the platform's text ids.
 */
export interface SearchAttachment {
  /** The file name people see (附件名称). */
  name: string;
  /** Text extracted by the readers (PDF/DOCX/XLSX); empty for images. */
  text: string;
}

export interface SearchDocument {
  id: string;
  agencyId: string;
  /** The agency's materialised path "/<root>/…/<id>/" (agencies.path): every id on it can filter the subtree. */
  agencyPath: string;
  /** Catalogue (公开目录) code of the item. */
  catalogue: string;
  year: number;
  /** 文号, e.g. 锡滨政办发〔2025〕12号; '' when the item has none. */
  docNumber: string;
  /** 索引号, e.g. 11320211MB1234567X/2025-00012. */
  indexNumber: string;
  title: string;
  /** The body as plain text (the publication module strips the sanitized HTML). */
  body: string;
  attachments: SearchAttachment[];
  /** 发布日期 "YYYY-MM-DD": newer items rank first within a relevance tier. */
  publishedDate: string;
  url: string;
}

export interface SearchFilters {
  /** Only this agency's items, or with `subtree` its own and those of every agency below it. */
  agency?: { id: string; subtree: boolean };
  catalogue?: string;
  year?: number;
  /** Items whose 文号 contains this text (锡滨政办发 finds the whole series; the full 文号 finds one). */
  docNumber?: string;
}

export interface SearchRequest {
  query: string;
  filters?: SearchFilters;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/**
 * Why a hit ranks where it does: every term is a word of the title (jieba), every term is in the title (or 文号 /
 * 索引号) as a substring, or the terms are found in the body or attachments only.
 */
export type HitTier = 'title-word' | 'title' | 'body';

export interface SearchHit {
  id: string;
  url: string;
  agencyId: string;
  catalogue: string;
  year: number;
  docNumber: string;
  indexNumber: string;
  publishedDate: string;
  title: string;
  /** The title, HTML-escaped, the matched terms in <mark>…</mark>. Safe to insert as HTML; nothing else is markup. */
  titleHtml: string;
  /** A passage around the first match in the body or an attachment, escaped and marked the same way. */
  snippetHtml: string;
  /** The attachment the snippet comes from, when it does not come from the body. */
  snippetAttachment: string | null;
  tier: HitTier;
}

export interface SearchResult {
  hits: SearchHit[];
  /**
   * Number of matching items: exact when `totalIsExact`; otherwise the count stopped at the cap (so "more than
   * `total`"). Counting every match of a broad term costs time proportional to the matches; nobody pages past
   * the cap (see docs/search.md).
   */
  total: number;
  totalIsExact: boolean;
  page: number;
  pageSize: number;
  /** Pages that can be requested (at most cap / pageSize). */
  pageCount: number;
  /** The terms searched for, normalized, as the page can show them. */
  terms: string[];
  /**
   * true when the exact terms found nothing and the long terms were cut into words by the segmenter and searched
   * again (每个词都出现即可，不要求相邻).
   */
  relaxed: boolean;
}
