import { chinaDate } from '../../core/calendar/iso-date.ts';
import { formatIndexNumber, indexCounterKey } from '../../core/publication/index-number.ts';
import { dialectOf } from '../../db/dialect-of.ts';
import { DatabaseBlobStore } from '../../db/repositories/files/database-blob-store.ts';
import {
  insertAttachment,
  insertItem,
  insertReview,
  nextIndexSerial,
} from '../../db/repositories/publication/publication-repository.ts';
import type { Db } from '../../db/schema.ts';
import { bodyText } from '../../readers/body/body-text.ts';
import { createSearchIndex } from '../../search/search-index.ts';
import type { SearchDocument } from '../../search/search-document.ts';
import type { AuditKeyring } from '../platform/audit-keyring.ts';
import { defaultSecurity, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { newId } from '../platform/session-token.ts';
import { itemUrl } from './publish-core.ts';

interface DemoItem {
  catalogue: string;
  title: string;
  body: string;
  docNumber?: string;
  /** Days before today it was published; written this many working-ish days earlier. */
  ago: number;
  writtenBefore?: number;
  interpretsPrevious?: boolean;
  withdrawn?: string;
  attachment?: { name: string; text: string };
}

function p(...paragraphs: string[]): string {
  return paragraphs.map((x) => `<p>${x}</p>`).join('');
}

/** A year of one agency's items: policies with their 解读, notices, news, personnel, finance. */
function itemsFor(name: string, short: string, code: string, year: number): DemoItem[] {
  return [
    {
      catalogue: 'normative-documents',
      title: `${name}关于进一步规范政府信息公开工作的实施意见`,
      docNumber: `${code}〔${year}〕3号`,
      body: p(
        '各社区、各部门：',
        '为深入贯彻《中华人民共和国政府信息公开条例》，推进决策、执行、管理、服务、结果公开，结合本地实际，提出如下实施意见。',
        '一、严格落实信息公开属性源头认定，公文起草时同步确定公开属性。',
        '二、主动公开的政府信息自形成或者变更之日起20个工作日内予以公开。',
        '三、依申请公开严格按照法定期限答复，做好行政复议和行政诉讼应诉工作。',
      ),
      ago: 300,
      writtenBefore: 12,
    },
    {
      catalogue: 'interpretations',
      title: `《${name}关于进一步规范政府信息公开工作的实施意见》政策解读`,
      body: p(
        '一、制定背景',
        '为提升政务公开质量，回应群众关切，制定本实施意见。',
        '二、主要内容',
        '明确公开属性源头认定、公开时限和依申请公开办理要求。',
      ),
      ago: 298,
      writtenBefore: 2,
      interpretsPrevious: true,
    },
    {
      catalogue: 'other-documents',
      title: `${name}${year}年政务公开工作要点`,
      docNumber: `${code}〔${year}〕8号`,
      body: p(
        '为做好本年度政务公开工作，现将工作要点印发给你们，请认真贯彻落实。',
        '一、加强政策解读和回应关切。二、推进基层政务公开标准化规范化。',
      ),
      ago: 260,
      writtenBefore: 10,
    },
    {
      catalogue: 'news',
      title: `${short}召开政务公开工作推进会`,
      body: p(`近日，${name}召开政务公开工作推进会，部署街道和社区政务公开重点任务。`),
      ago: 240,
      writtenBefore: 1,
    },
    {
      catalogue: 'news',
      title: `${short}开展安全生产大检查`,
      body: p('为切实做好安全生产工作，组织专项检查组对辖区企业开展安全生产大检查，发现隐患当场督促整改。'),
      ago: 200,
      writtenBefore: 2,
    },
    {
      catalogue: 'news',
      title: `${short}举办行政复议和行政诉讼专题培训`,
      body: p('邀请法律顾问围绕行政复议法、政府信息公开条例开展专题培训，提升依法行政能力。'),
      ago: 150,
      writtenBefore: 3,
    },
    {
      catalogue: 'news',
      title: `${short}推进垃圾分类进社区`,
      body: p('组织志愿者深入社区，宣传垃圾分类知识，引导居民养成分类投放习惯。'),
      ago: 90,
      writtenBefore: 1,
    },
    {
      catalogue: 'news',
      title: `${short}开展防汛应急演练`,
      body: p('为提高防汛抢险应急处置能力，组织开展防汛应急演练。'),
      ago: 40,
      // Published late: 第二十六条 was missed (the demo's late items).
      writtenBefore: 45,
    },
    {
      catalogue: 'notices',
      title: `${name}关于公开征求意见的公告`,
      body: p('现将有关文件征求意见稿全文公布，公开征求社会各界意见，征求意见期限为30日。'),
      ago: 180,
      writtenBefore: 2,
    },
    {
      catalogue: 'notices',
      title: `${name}关于办公地址调整的公告`,
      body: p('因工作需要，办公地址将临时调整，特此公告。'),
      ago: 120,
      writtenBefore: 1,
      withdrawn: '公告内容有误，已撤回并另行发布',
    },
    {
      catalogue: 'notices',
      title: `${name}行政执法公示`,
      body: p('根据行政执法公示制度要求，现将本机关行政执法主体、职责和程序予以公示。'),
      ago: 60,
      writtenBefore: 35,
    },
    {
      catalogue: 'appointments',
      title: `${name}关于干部任免的通知`,
      body: p('经研究决定：任命张某某为综合办公室主任；免去李某某综合办公室副主任职务。'),
      ago: 210,
      writtenBefore: 3,
    },
    {
      catalogue: 'recruitment',
      title: `${name}${year}年公开招聘编外工作人员公告`,
      body: p('因工作需要，现面向社会公开招聘编外工作人员2名，报名时间、条件和程序详见附件。'),
      ago: 100,
      writtenBefore: 2,
      attachment: { name: '招聘岗位表.pdf', text: '招聘岗位表 岗位 综合文秘 人数 1 学历 本科及以上 岗位 财务 人数 1' },
    },
    {
      catalogue: 'budgets',
      title: `${name}${year}年部门预算公开`,
      body: p(`根据预算公开要求，现将${name}${year}年部门预算公开如下。`),
      ago: 280,
      writtenBefore: 5,
      attachment: {
        name: `${year}年部门预算.pdf`,
        text: `${year}年部门预算 收支总表 一般公共预算拨款收入 财政拨款支出 三公经费`,
      },
    },
    {
      catalogue: 'final-accounts',
      title: `${name}${year - 1}年部门决算公开`,
      body: p(`现将${name}${year - 1}年部门决算公开如下。`),
      ago: 170,
      writtenBefore: 6,
    },
    {
      catalogue: 'work-plans',
      title: `${name}${year}年上半年工作总结`,
      body: p('上半年，在区委、区政府的坚强领导下，各项工作有序推进。'),
      ago: 130,
      writtenBefore: 4,
    },
  ];
}

/** A minimal PDF so that the demo's attachments download as real files. */
function demoPdf(title: string): Uint8Array {
  const text = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%${title}\n%%EOF\n`;
  return new TextEncoder().encode(text);
}

const shortName = (name: string) =>
  name
    .replace(/^无锡市/, '')
    .replace(/人民政府办公室$/, '政府办')
    .replace(/办事处$/, '');

/**
 * The demo's 主动公开: about a year of published items for every demo agency below the city (policies with their
 * 解读, notices, news, personnel, finance), some withdrawn, some late, some with attachments — indexed for
 * search. Inserted directly (not through the review chain: they are history), each audited. Fast: one
 * transaction, short bodies.
 */
export async function seedDemoPublication(db: Db, clock: () => Date, auditKeys: AuditKeyring): Promise<number> {
  const ctx: UseCaseContext = { db, clock, actor: null, ip: '', security: defaultSecurity, auditKeys };
  const label = '系统（演示数据）';
  const now = clock();
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const agencies = (await db.selectFrom('agencies').selectAll().where('is_demo', '=', 1).execute()).filter(
    (a) => a.parent_id !== null,
  );
  const store = new DatabaseBlobStore(db, clock);
  const blobs = new Map<string, { sha256: string; size: number }>();
  for (const name of ['招聘岗位表.pdf', `${year}年部门预算.pdf`]) {
    const w = store.begin();
    const bytes = demoPdf(name);
    await w.write(bytes);
    const b = await w.commit({ kind: 'pdf', mediaType: 'application/pdf' });
    blobs.set(name, { sha256: b.sha256, size: bytes.byteLength });
  }
  const day = (ago: number) => chinaDate(new Date(now.getTime() - ago * 86400_000));
  let count = 0;
  await db.transaction().execute(async (trx) => {
    const docs: SearchDocument[] = [];
    for (const agency of agencies) {
      const street = /(.)[^区]街道/.exec(agency.name)?.[1];
      const code = agency.kind === 'subdistrict' && street ? `锡滨${street}发` : '锡滨政办发';
      let previous = '';
      const seeded: { id: string; index_number: string; status: string }[] = [];
      for (const d of itemsFor(agency.name, shortName(agency.name), code, year)) {
        const id = newId();
        const publishedOn = day(d.ago);
        const writtenOn = day(d.ago + (d.writtenBefore ?? 1));
        const serial = await nextIndexSerial(trx, indexCounterKey(agency.code, writtenOn.slice(0, 4)));
        const indexNumber = formatIndexNumber({ agencyCode: agency.code, year: Number(writtenOn.slice(0, 4)), serial });
        const at = `${publishedOn}T01:30:00.000Z`;
        const row = await insertItem(trx, {
          id,
          agency_id: agency.id,
          catalogue: d.catalogue,
          normative_kind: d.catalogue === 'normative-documents' ? 'normative' : null,
          title: d.title,
          doc_number: d.docNumber ?? '',
          index_number: indexNumber,
          written_on: writtenOn,
          published_on: publishedOn,
          published_at: at,
          topic: '',
          publisher: agency.name,
          source: agency.name,
          validity_status: 'in_force',
          body_html: d.body,
          body_text: bodyText(d.body).text,
          interprets_id: d.interpretsPrevious ? previous : null,
          status: d.withdrawn ? 'withdrawn' : 'published',
          withdrawn_reason: d.withdrawn ?? null,
          withdrawn_at: d.withdrawn ? at : null,
          secrecy_confirmed_by: 'demo',
          secrecy_confirmed_at: at,
          review_round: 1,
          review_step: 3,
          views: (serial * 37) % 500,
          revision: 1,
          version: 1,
          created_by: 'demo',
          created_at: `${writtenOn}T01:00:00.000Z`,
          updated_at: at,
        });
        await insertReview(trx, {
          id: newId(),
          item_id: id,
          round: 1,
          step: 2,
          step_name: '终审',
          decision: 'approve',
          comment: '同意发布',
          actor_id: 'demo',
          actor_label: label,
          at,
        });
        const attachments = [];
        if (d.attachment) {
          const blob = blobs.get(d.attachment.name) ?? [...blobs.values()][0]!;
          await insertAttachment(trx, {
            id: newId(),
            item_id: id,
            name: d.attachment.name,
            blob_sha256: blob.sha256,
            kind: 'pdf',
            media_type: 'application/pdf',
            size: blob.size,
            text: d.attachment.text,
            sort_order: 0,
            created_at: at,
          });
          attachments.push({ name: d.attachment.name, text: d.attachment.text });
        }
        seeded.push({ id, index_number: indexNumber, status: row.status });
        if (!d.withdrawn)
          docs.push({
            id,
            agencyId: agency.id,
            agencyPath: agency.path,
            catalogue: d.catalogue,
            year: Number(publishedOn.slice(0, 4)),
            docNumber: row.doc_number,
            indexNumber,
            title: row.title,
            body: row.body_text,
            attachments,
            publishedDate: publishedOn,
            url: itemUrl(id),
          });
        previous = id;
        count++;
      }
      // One audit entry per agency lists the items loaded (each with its 索引号).
      await recordAudit(trx, ctx, {
        action: 'publication.seedDemo',
        entity: 'agency',
        entityId: agency.id,
        actorLabel: label,
        after: { items: seeded },
      });
    }
    await createSearchIndex(dialectOf(trx)).upsertMany(trx, docs);
  });
  return count;
}
