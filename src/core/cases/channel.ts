/**
 * How an application arrived, and the date of receipt each channel fixes (条例第三十一条) — the clock starts here.
 */
import type { IsoDate } from '../calendar/iso-date.ts';

export const CHANNELS = ['inPerson', 'post', 'ordinaryLetter', 'fax', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  inPerson: '当面提交',
  post: '邮寄（需签收）',
  ordinaryLetter: '平常信函',
  fax: '传真',
  online: '网络',
};

/** What is known of the arrival; which field matters depends on the channel. */
export interface ArrivalFacts {
  /** The day it was handed in / the letter or fax or online form came in. */
  arrivedOn: IsoDate;
  /** 邮寄: the day the agency signed for it. */
  signedOn?: IsoDate;
  /** 平常信函 / 传真 / 网络: the day the agency confirmed with the applicant (both sides confirmed). */
  confirmedOn?: IsoDate;
}

export type ReceiptDate =
  | { ok: true; receivedOn: IsoDate; rule: string; warnings: string[] }
  | { ok: false; field: 'signedOn' | 'confirmedOn'; message: string };

export function receiptDate(channel: Channel, facts: ArrivalFacts): ReceiptDate {
  const result = receiptByChannel(channel, facts);
  if (result.ok && result.receivedOn < facts.arrivedOn) {
    const field = channel === 'post' ? 'signedOn' : 'confirmedOn';
    return {
      ok: false,
      field,
      message: `${field === 'signedOn' ? '签收日期' : '确认日期'}：不得早于申请到达日期${facts.arrivedOn}`,
    };
  }
  return result;
}

function receiptByChannel(channel: Channel, facts: ArrivalFacts): ReceiptDate {
  switch (channel) {
    case 'inPerson':
      return { ok: true, receivedOn: facts.arrivedOn, rule: '当面提交的，以提交之日为收到申请之日', warnings: [] };
    case 'post':
      if (!facts.signedOn)
        return { ok: false, field: 'signedOn', message: '签收日期：邮寄的申请以本机关签收之日为收到申请之日，请填写' };
      return {
        ok: true,
        receivedOn: facts.signedOn,
        rule: '以邮寄方式提交的，以行政机关签收之日为收到申请之日',
        warnings: [],
      };
    case 'ordinaryLetter': {
      if (!facts.confirmedOn)
        return {
          ok: false,
          field: 'confirmedOn',
          message: '确认日期：平常信函须于收到当日与申请人确认，以确认之日为收到申请之日，请填写',
        };
      const late = facts.confirmedOn > facts.arrivedOn;
      return {
        ok: true,
        receivedOn: facts.confirmedOn,
        rule: '平常信函等无需签收的，以与申请人确认之日为收到申请之日',
        // 第三十一条 requires confirming on the day the letter arrives; a later confirmation is recorded as it
        // happened, and the delay is shown.
        warnings: late
          ? [`平常信函于${facts.arrivedOn}收到，但${facts.confirmedOn}才与申请人确认（应当于收到当日确认）`]
          : [],
      };
    }
    case 'fax':
    case 'online':
      if (!facts.confirmedOn)
        return {
          ok: false,
          field: 'confirmedOn',
          message: '确认日期：通过互联网或传真提交的，以双方确认之日为收到申请之日，请填写',
        };
      return {
        ok: true,
        receivedOn: facts.confirmedOn,
        rule: '通过互联网渠道或者传真提交的，以双方确认之日为收到申请之日',
        warnings: [],
      };
  }
}
