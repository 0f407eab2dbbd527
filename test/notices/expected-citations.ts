/**
 * What each default notice must cite, written from the table of disclosure-rules.md §1 (not from the templates),
 * so a template that cites the wrong article fails. Shared by the core test and the writer tests.
 */
export const LAW = '《中华人民共和国政府信息公开条例》';

export const EXPECTED_CITATIONS: Record<string, string[]> = {
  receipt: [LAW, '第三十一条', '第三十三条', '20个工作日'],
  correction: [LAW, '第三十条', '视为放弃申请'],
  extension: [LAW, '第三十三条第二款', '政府信息公开工作机构负责人同意'],
  consultThirdParty: [LAW, '第三十二条', '15个工作日'],
  consultAgency: [LAW, '第三十四条', '15个工作日', '视为同意公开'],
  feeNotice: [LAW, '第四十二条', '国办函〔2020〕109号', '20个工作日', '收费标准', '人民币4700元'],
  granted: [LAW, '第三十六条第（二）项'],
  grantedPublished: [LAW, '第三十六条第（一）项'],
  partial: [LAW, '第三十七条'],
  denied1: [LAW, '第十四条', '第三十六条第（三）项', '国家秘密'],
  denied2: [LAW, '第十四条', '第三十六条第（三）项'],
  denied3: [LAW, '第十四条', '国家安全、公共安全、经济安全、社会稳定'],
  denied4: [LAW, '第十五条', '第三十二条'],
  denied5: [LAW, '第十六条第一款', '内部事务信息'],
  denied6: [LAW, '第十六条第二款', '过程性信息'],
  denied7: [LAW, '第十六条第二款', '行政执法案卷'],
  denied8: [LAW, '第三十六条第（七）项'],
  unable1: [LAW, '第三十六条第（四）项', '不存在'],
  unable1OtherAgency: [LAW, '第三十六条第（五）项', '无锡市滨湖区住房和城乡建设局'],
  unable2: [LAW, '第三十八条'],
  unable3: [LAW, '第三十条', '仍不明确'],
  notProcessed1: [LAW, '第三十九条第一款', '信访、投诉、举报'],
  notProcessed2: [LAW, '第三十六条第（六）项', '不予重复处理'],
  notProcessed3: [LAW, '第三十九条第二款', '公开出版物'],
  notProcessed4: [LAW, '第三十五条'],
  notProcessed5: [LAW, '第二条', '确认或者重新出具'],
  other1: [LAW, '第三十条', '逾期未补正'],
  other2: [LAW, '国办函〔2020〕109号', '缴纳费用'],
  other3: [LAW, '终止办理'],
};

/** The rights every answer states (《行政复议法》 60 days, 《行政诉讼法》 6 months), with the bodies filled in. */
export const RIGHTS_PARTS = [
  '60日内',
  '《中华人民共和国行政复议法》',
  '无锡市滨湖区人民政府申请行政复议',
  '6个月内',
  '《中华人民共和国行政诉讼法》',
  '无锡市滨湖区人民法院提起行政诉讼',
];
