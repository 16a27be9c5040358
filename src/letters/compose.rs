//! The wording of the letters, Chinese and English side by side so the two never drift apart.
//!
//! Structure (research/letters.md §4, our own wording): who writes, to whom, the facts in
//! order, the evidence table and total, what the user already did (blanks), the demands, the
//! reply date, the rules relied on, the attachments. Facts that come from the statements are
//! stated plainly; statements only the user can make ("I never signed up") carry a 【请核实】 /
//! [CHECK] marker; facts the app cannot know are blanks. Channel inserts follow §4: 12315 keeps
//! the complaint and the report of violations apart and says no court or 消协 handles the same
//! dispute; 12378 / 12363 say the firm was asked first; bank letters ask whether each debit was
//! a quick payment through a payment institution and under which authorisation. The US letter
//! gives what 15 U.S.C. 1693f asks of a notice of error (name, account, amount, why); the UK
//! letter withdraws consent under PSRs reg 67 and asks for the reg 76 refund; the EU letter does
//! the same under PSD2.

use chrono::{Months, NaiveDate};

use super::cancel;
use super::channel::{self, Channel, Window};
use super::facts::{EvidenceRow, Finding, Pattern, RowRole};
use super::render;
use super::rules::{self, RuleCitation};
use super::text::{
    blank, check, clean, long_date, mask_account, mask_phone, money, tr, utc_offset, DateStyle,
};
use super::{how_to_cancel, Letter, Section, SenderDetails};
use crate::analysis::Frequency;
use crate::lang::Lang;
use crate::model::Direction;

/// Everything a letter's wording needs, worked out once.
struct Ctx<'f, 'a> {
    f: &'f Finding<'a>,
    channel: Channel,
    lang: Lang,
    sender: &'f SenderDetails,
    today: NaiveDate,
    /// Every row of the finding (the facts are about all of them).
    all: Vec<EvidenceRow>,
    /// The rows this letter disputes (a bank's share, or all).
    evidence: Vec<EvidenceRow>,
    total: i64,
    claim: i64,
    window: Window,
    deadline: NaiveDate,
    route: Vec<Channel>,
    style: DateStyle,
}

impl Ctx<'_, '_> {
    fn t<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        tr(self.lang, zh, en)
    }

    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    fn m(&self, minor: i64) -> String {
        money(minor, self.f.currency, self.lang)
    }

    fn d(&self, date: NaiveDate) -> String {
        long_date(date, self.style)
    }

    fn blank(&self, zh: &str, en: &str) -> String {
        blank(self.lang, zh, en)
    }

    fn check(&self) -> &'static str {
        check(self.lang)
    }

    /// The counterparty, or a blank.
    fn cp(&self) -> String {
        if self.f.counterparty.is_empty() {
            self.blank("商家名称", "merchant name")
        } else {
            self.f.counterparty.clone()
        }
    }

    /// The counterparty quoted in running text.
    fn cpq(&self) -> String {
        if self.zh() {
            format!("「{}」", self.cp())
        } else {
            self.cp()
        }
    }

    fn counted(&self) -> Vec<&EvidenceRow> {
        self.evidence.iter().filter(|r| r.counted).collect()
    }

    /// The first and last dates of the rows disputed.
    fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let dates = self.counted().into_iter().map(|r| r.date);
        let first = dates.clone().min()?;
        Some((first, dates.max()?))
    }

    fn first_last(&self) -> (String, String) {
        match self.span() {
            Some((a, b)) => (self.d(a), self.d(b)),
            None => (
                self.blank("首次扣款日期", "date of the first charge"),
                self.blank("最近一次扣款日期", "date of the latest charge"),
            ),
        }
    }

    fn card_tail(&self) -> String {
        match (&self.f.rails.card_tail, &self.sender.account_masked) {
            (Some(tail), _) => tail.clone(),
            (None, Some(account)) if !clean(account).is_empty() => mask_account(&clean(account)),
            _ => self.blank("卡号后四位", "last four digits"),
        }
    }

    /// What the statements are (`支付宝` / `my Alipay statement`).
    fn source_words(&self) -> String {
        let r = &self.f.rails;
        let zh = self.zh();
        let wallet = self.f.from_wallet();
        match (wallet && r.alipay, wallet && r.wechat) {
            (true, true) => self
                .t("支付宝和微信支付", "Alipay and WeChat Pay")
                .to_string(),
            (true, false) => self.t("支付宝", "Alipay").to_string(),
            (false, true) => self.t("微信支付", "WeChat Pay").to_string(),
            _ => match (&r.bank_name, zh) {
                (Some(bank), true) => format!("{bank}银行卡"),
                (Some(bank), false) => format!("{bank} bank"),
                (None, _) => self.t("银行卡", "bank").to_string(),
            },
        }
    }

    fn period_words(&self) -> (&'static str, &'static str) {
        match self.f.stream.map(|s| s.frequency) {
            Some(Frequency::Weekly) => ("每周", "week"),
            Some(Frequency::Biweekly) => ("每两周", "two weeks"),
            Some(Frequency::Semimonthly) => ("每半月", "half-month"),
            Some(Frequency::Monthly) | None => ("每月", "month"),
            Some(Frequency::Bimonthly) => ("每两个月", "two months"),
            Some(Frequency::Quarterly) => ("每季度", "quarter"),
            Some(Frequency::Semiannually) => ("每半年", "six months"),
            Some(Frequency::Annually) => ("每年", "year"),
            Some(Frequency::Irregular) => ("不定期", "few weeks"),
        }
    }

    fn source_of(&self, row: &EvidenceRow) -> String {
        if self.zh() {
            format!("{} 第 {} 行", row.file, row.line)
        } else {
            format!("{}, line {}", row.file, row.line)
        }
    }

    /// What the claim is, in words.
    fn claim_words(&self) -> &'static str {
        match self.f.primary() {
            Pattern::Duplicate => self.t("重复扣取的一笔", "the duplicate charge"),
            Pattern::FailedButCharged => self.t(
                "已扣款但交易未成功的款项",
                "the money taken for a payment that failed",
            ),
            Pattern::TrialToPaid => self.t(
                "试用期后按正价扣取的款项",
                "the full-price charges after the trial",
            ),
            Pattern::PriceIncrease if self.f.price_step().is_some() => self.t(
                "涨价后多扣的差额",
                "the difference charged since the price rise",
            ),
            Pattern::AnnualRenewal => self.t("最近一次续费款", "the latest renewal"),
            Pattern::LoanFee => self.t(
                "全部会员费、服务费及担保费等费用",
                "all membership, service and guarantee fees",
            ),
            Pattern::Insurance => self.t("全部已扣保费", "all premiums taken"),
            _ => self.t("上表所列全部扣款", "every charge listed above"),
        }
    }

    /// The next place to turn to when this one does not answer.
    fn escalation(&self) -> String {
        // Regulators and the banks abroad are the end of their own ladder: after them comes the
        // court or the ombudsman, not another channel of the list.
        let ladder = !self.channel.is_regulator()
            && !matches!(
                self.channel,
                Channel::BankDisputeUs | Channel::BankDisputeUk | Channel::BankDisputeEu
            );
        let next = self
            .route
            .iter()
            .position(|c| *c == self.channel)
            .and_then(|i| self.route.get(i + 1).copied())
            .filter(|_| ladder);
        match (next, self.lang) {
            (Some(Channel::Alipay), Lang::Zh) => "向支付宝（95188）投诉并要求解除扣款协议".into(),
            (Some(Channel::WeChatPay), Lang::Zh) => "向微信支付（95017）投诉并要求解除扣费服务".into(),
            (Some(Channel::HuabeiNegotiation), Lang::Zh) => "向花呗及其放贷机构提出争议".into(),
            (Some(Channel::Bank), Lang::Zh) => "向发卡银行提出争议并要求止付".into(),
            (Some(Channel::Regulator12315), Lang::Zh) => "向市场监督管理部门（12315）投诉举报".into(),
            (Some(Channel::Regulator12378), Lang::Zh) => "向国家金融监督管理总局（12378）投诉".into(),
            (Some(Channel::PbocHotline12363), Lang::Zh) => "向中国人民银行（12363）投诉".into(),
            (Some(Channel::Merchant), Lang::Zh) => "向商户追索".into(),
            (Some(Channel::Alipay), Lang::En) => "complain to Alipay (95188) and ask it to end the deduction agreement".into(),
            (Some(Channel::WeChatPay), Lang::En) => "complain to WeChat Pay (95017) and ask it to end the deduction service".into(),
            (Some(Channel::HuabeiNegotiation), Lang::En) => "dispute the charges with Huabei and its lender".into(),
            (Some(Channel::Bank), Lang::En) => "dispute the charges with my bank and ask it to stop them".into(),
            (Some(Channel::Regulator12315), Lang::En) => "complain to the market regulator (12315)".into(),
            (Some(Channel::Regulator12378), Lang::En) => "complain to the National Financial Regulatory Administration (12378)".into(),
            (Some(Channel::PbocHotline12363), Lang::En) => "complain to the People's Bank of China (12363)".into(),
            (Some(Channel::Merchant), Lang::En) => "pursue the merchant".into(),
            (Some(Channel::BankDisputeUs | Channel::BankDisputeUk | Channel::BankDisputeEu), _) => {
                self.t("向发卡银行提出争议，要求退款并止付", "dispute the payments with my bank").into()
            }
            _ => match self.channel {
                Channel::BankDisputeUs => self.t(
                    "向美国消费者金融保护局（CFPB）投诉",
                    "complain to the Consumer Financial Protection Bureau",
                )
                .into(),
                Channel::BankDisputeUk => self.t(
                    "将投诉提交英国金融申诉专员服务机构（Financial Ombudsman Service）",
                    "refer my complaint to the Financial Ombudsman Service",
                )
                .into(),
                Channel::BankDisputeEu => self.t(
                    "将争议提交庭外争议解决机构",
                    "refer the dispute to the out-of-court complaint body",
                )
                .into(),
                Channel::MerchantCancellation => self
                    .t("向发卡银行提出争议", "dispute the payments with my bank")
                    .into(),
                _ => self
                    .t(
                        "向人民法院起诉，或依仲裁协议申请仲裁",
                        "take the matter to court, or to arbitration where there is an arbitration agreement",
                    )
                    .into(),
            },
        }
    }
}

/// `1 payment`, `3 payments`.
fn payments_en(n: usize) -> String {
    if n == 1 {
        "1 payment".to_string()
    } else {
        format!("{n} payments")
    }
}

/// Numbers a heading: `三、事实经过` / `3. What happened`.
fn numbered(lang: Lang, n: usize, title: &str) -> String {
    const ZH: [&str; 12] = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
    ];
    match lang {
        Lang::Zh => format!("{}、{title}", ZH.get(n - 1).copied().unwrap_or("十")),
        Lang::En => format!("{n}. {title}"),
    }
}

/// Numbers a list: `1. …`.
fn list(items: Vec<String>) -> Vec<String> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {s}", i + 1))
        .collect()
}

/// Builds the letter.
pub(crate) fn compose(
    f: &Finding<'_>,
    channel: Channel,
    lang: Lang,
    sender: &SenderDetails,
    today: NaiveDate,
) -> Letter {
    let all = f.evidence();
    let evidence = f.evidence_for(channel);
    let total: i64 = evidence
        .iter()
        .filter(|r| r.counted)
        .map(|r| r.amount_minor)
        .sum();
    // A bank is asked to reverse debits it should not have made: all of them, not the
    // merchant-side share (a price difference, the charges after a trial).
    let bank_letter = matches!(
        channel,
        Channel::Bank | Channel::BankDisputeUs | Channel::BankDisputeUk | Channel::BankDisputeEu
    );
    let payment_error = matches!(f.primary(), Pattern::Duplicate | Pattern::FailedButCharged);
    let claim = if bank_letter && !payment_error {
        total
    } else {
        f.claim(&evidence)
    };
    let window = channel::window(channel, f.primary());
    let style = match (lang, channel) {
        (Lang::Zh, _) => DateStyle::Chinese,
        (Lang::En, Channel::BankDisputeUs) => DateStyle::American,
        (Lang::En, Channel::MerchantCancellation) if f.currency.code() == "USD" => {
            DateStyle::American
        }
        (Lang::En, _) => DateStyle::British,
    };
    let ctx = Ctx {
        f,
        channel,
        lang,
        sender,
        today,
        all,
        evidence,
        total,
        claim,
        window,
        deadline: window.due(today),
        route: channel::route(f),
        style,
    };

    let rules = rules::rules_for(channel, f, lang);
    let mut blocks: Vec<(Option<String>, Section)> = vec![
        (None, opening(&ctx)),
        (Some(ctx.t("投诉人", "From").into()), from(&ctx)),
        (Some(ctx.t("被投诉方", "About").into()), about(&ctx)),
        (Some(ctx.t("事实经过", "What happened").into()), story(&ctx)),
        (Some(evidence_title(&ctx)), evidence_section(&ctx)),
        (
            Some(ctx.t("已采取的措施", "What I have done so far").into()),
            done(&ctx),
        ),
    ];
    if channel == Channel::Regulator12315 {
        blocks.push((Some("投诉请求".to_string()), demands(&ctx)));
        blocks.push((Some("举报线索".to_string()), report_leads(&ctx)));
        if !ctx.zh() {
            let n = blocks.len();
            blocks[n - 2].0 = Some("Complaint: what I ask for".into());
            blocks[n - 1].0 = Some("Report: possible violations".into());
        }
    } else {
        blocks.push((
            Some(ctx.t("请求事项", "What I ask you to do").into()),
            demands(&ctx),
        ));
    }
    blocks.push((Some(ctx.t("答复期限", "Reply by").into()), reply(&ctx)));
    blocks.push((
        Some(ctx.t("依据", "Rules I rely on").into()),
        rules_section(&ctx, &rules),
    ));
    let attachments = attachments(&ctx);
    blocks.push((
        Some(ctx.t("附件清单", "Enclosures").into()),
        Section {
            heading: String::new(),
            lead: Vec::new(),
            table: false,
            paragraphs: list(attachments.clone()),
        },
    ));
    blocks.push((None, closing(&ctx)));

    let mut n = 0;
    let sections: Vec<Section> = blocks
        .into_iter()
        .map(|(title, mut section)| {
            if let Some(title) = title {
                n += 1;
                section.heading = numbered(lang, n, &title);
            }
            section
        })
        .collect();

    let subject = subject(&ctx);
    let recipient = channel::recipient(channel, f, lang);
    let how_to_cancel = cancel::paths_for(f)
        .into_iter()
        .map(|p| how_to_cancel(p, lang))
        .collect();
    let mut letter = Letter {
        finding: f.reference,
        channel,
        lang,
        date: today,
        subject,
        recipient,
        body: String::new(),
        sections,
        deadline: ctx.deadline,
        window,
        evidence: ctx.evidence.clone(),
        currency: f.currency,
        total_minor: total,
        claim_minor: claim,
        rules,
        attachments,
        how_to_send: channel::how_to_send(channel, lang),
        how_to_cancel,
        missing_rows: f.missing.clone(),
    };
    letter.body = render::body_text(&letter);
    letter
}

fn subject(c: &Ctx<'_, '_>) -> String {
    let cp = c.cp();
    let p = c.f.primary();
    let kind_zh = match p {
        Pattern::LoanFee => "借款后扣收会员费、服务费",
        Pattern::Insurance => "自动扣取保险费",
        Pattern::TrialToPaid => "低价试用后自动转为正价扣费",
        Pattern::PriceIncrease => "未经通知涨价扣费",
        Pattern::MicroWeekly => "每周小额自动扣费",
        Pattern::AnnualRenewal => "年度自动续费",
        Pattern::NoSignUp | Pattern::DeductionAgreement => "未经授权的自动扣款",
        Pattern::AutoRenewal => "自动续费扣款",
        Pattern::Duplicate => "重复扣款",
        Pattern::FailedButCharged => "交易失败但已扣款",
        Pattern::Recurring | Pattern::ExpectedBill | Pattern::Income => "定期扣款",
    };
    let kind_en = match p {
        Pattern::LoanFee => "fees charged after a loan",
        Pattern::Insurance => "insurance premiums taken by automatic debit",
        Pattern::TrialToPaid => "a trial turned into full-price charges",
        Pattern::PriceIncrease => "a price rise without notice",
        Pattern::MicroWeekly => "weekly automatic charges",
        Pattern::AnnualRenewal => "an automatic annual renewal",
        Pattern::NoSignUp | Pattern::DeductionAgreement => "automatic debits I did not authorise",
        Pattern::AutoRenewal => "automatic renewal charges",
        Pattern::Duplicate => "a duplicate charge",
        Pattern::FailedButCharged => "a failed payment that was still charged",
        Pattern::Recurring | Pattern::ExpectedBill | Pattern::Income => "recurring charges",
    };
    let tail = c.card_tail();
    match (c.channel, c.lang) {
        (Channel::Alipay | Channel::WeChatPay, Lang::Zh)
            if matches!(p, Pattern::Duplicate | Pattern::FailedButCharged) =>
        {
            format!("关于{cp}{kind_zh}的核查及退款申请")
        }
        (Channel::Alipay | Channel::WeChatPay, Lang::Zh) => {
            format!("关于解除与{cp}的扣款协议并核查其{kind_zh}的投诉")
        }
        (Channel::Bank, Lang::Zh) => format!("关于银行卡被{cp}{kind_zh}的争议及退款申请"),
        (Channel::Regulator12315, Lang::Zh) => format!("投诉举报：{cp}{kind_zh}"),
        (Channel::Regulator12378 | Channel::PbocHotline12363, Lang::Zh) => {
            format!("关于{cp}{kind_zh}的投诉（已先向机构投诉）")
        }
        (Channel::HuabeiNegotiation, Lang::Zh) => {
            format!("关于花呗支付{cp}款项的争议及协商还款申请")
        }
        (Channel::BankDisputeUs, Lang::Zh) => {
            format!("错误通知：{cp}的扣款（尾号 {tail} 的账户）")
        }
        (Channel::BankDisputeUk | Channel::BankDisputeEu, Lang::Zh) => {
            format!("未经授权的付款：{cp}（尾号 {tail} 的账户）——撤回授权并要求退款")
        }
        (Channel::MerchantCancellation, Lang::Zh)
            if matches!(p, Pattern::Duplicate | Pattern::FailedButCharged) =>
        {
            format!("退款申请：{cp}{kind_zh}")
        }
        (Channel::MerchantCancellation, Lang::Zh) => format!("取消订阅并要求退款：{cp}"),
        (_, Lang::Zh) => format!("关于{cp}{kind_zh}的投诉及退款要求"),
        (Channel::BankDisputeUs, Lang::En) => {
            format!("Notice of error: payments to {cp}, account ending {tail}")
        }
        (Channel::BankDisputeUk | Channel::BankDisputeEu, Lang::En) => format!(
            "Unauthorised payments to {cp}, account ending {tail}: withdrawal of consent and refund"
        ),
        (Channel::MerchantCancellation, Lang::En)
            if matches!(p, Pattern::Duplicate | Pattern::FailedButCharged) =>
        {
            format!("Refund request: {kind_en} by {cp}")
        }
        (Channel::MerchantCancellation, Lang::En) => {
            format!("Cancellation and refund request: {cp}")
        }
        (Channel::Alipay | Channel::WeChatPay, Lang::En)
            if matches!(p, Pattern::Duplicate | Pattern::FailedButCharged) =>
        {
            format!("Review and refund request: {kind_en} by {cp}")
        }
        (Channel::Alipay | Channel::WeChatPay, Lang::En) => {
            format!("Complaint: end the deduction agreement with {cp} and review {kind_en}")
        }
        (Channel::Regulator12315, Lang::En) => {
            format!("Complaint and report: {cp}, {kind_en}")
        }
        (Channel::Bank, Lang::En) => {
            format!("Dispute of card debits by {cp} ({kind_en}) and refund request")
        }
        (Channel::HuabeiNegotiation, Lang::En) => {
            format!("Dispute of Huabei payments to {cp} and request for a repayment plan")
        }
        (_, Lang::En) => format!("Complaint and refund request: {cp}, {kind_en}"),
    }
}

fn opening(c: &Ctx<'_, '_>) -> Section {
    let recipient = channel::recipient(c.channel, c.f, c.lang);
    let mut lead = vec![
        format!("{}{recipient}", c.t("致：", "To: ")),
        format!("{}{}", c.t("日期：", "Date: "), long_date(c.today, c.style)),
    ];
    if c.channel.is_abroad() && c.zh() {
        lead.push("（此函应以英文发送；以下中文稿供您理解内容。）".into());
    }
    if !c.channel.is_abroad() && !c.zh() {
        lead.push("(Send the Chinese version; this English text is for your reference.)".into());
    }
    if !c.zh() {
        lead.push("Dear Sir or Madam,".into());
    }
    Section {
        heading: String::new(),
        lead,
        table: false,
        paragraphs: Vec::new(),
    }
}

fn from(c: &Ctx<'_, '_>) -> Section {
    let s = c.sender;
    let value = |v: &Option<String>| v.as_deref().map(clean).filter(|v| !v.is_empty());
    let name = value(&s.name).unwrap_or_else(|| c.blank("姓名", "name"));
    let phone = value(&s.phone)
        .map(|p| if s.reveal_phone { p } else { mask_phone(&p) })
        .unwrap_or_else(|| c.blank("联系电话", "phone"));
    let address = value(&s.address).unwrap_or_else(|| {
        if c.channel == Channel::Regulator12315 {
            c.blank(
                "联系地址（12315 必填）",
                "postal address (12315 requires it)",
            )
        } else {
            c.blank("联系地址", "postal address")
        }
    });
    let email = value(&s.email).unwrap_or_else(|| c.blank("电子邮箱", "e-mail"));
    let account = value(&s.account_masked)
        .map(|a| mask_account(&a))
        .unwrap_or_else(|| match c.channel {
            Channel::Alipay | Channel::HuabeiNegotiation => {
                c.blank("支付宝账户（掩码）", "Alipay account (masked)")
            }
            Channel::WeChatPay => c.blank("微信号（掩码）", "WeChat ID (masked)"),
            _ => c.blank("相关账户（掩码）", "account concerned (masked)"),
        });
    let mut lead = vec![
        format!("{}{name}", c.t("姓名：", "Name: ")),
        format!("{}{phone}", c.t("联系电话：", "Phone: ")),
        format!("{}{address}", c.t("联系地址：", "Address: ")),
        format!("{}{email}", c.t("电子邮箱：", "E-mail: ")),
        format!("{}{account}", c.t("相关账户：", "Account: ")),
    ];
    if let Some(tail) = &c.f.rails.card_tail {
        let bank = c.f.rails.bank_name.clone().unwrap_or_default();
        lead.push(if c.zh() {
            format!("账单所示银行卡：{bank}尾号 {tail}")
        } else if bank.is_empty() {
            format!("Card or account on the statement: ending {tail}")
        } else {
            format!("Card or account on the statement: {bank}, ending {tail}")
        });
    }
    Section {
        heading: String::new(),
        lead,
        table: false,
        paragraphs: Vec::new(),
    }
}

fn about(c: &Ctx<'_, '_>) -> Section {
    let cp = c.cp();
    let mut lead = vec![if c.zh() {
        format!("名称：{cp}（以账单所载交易对方名称为准）")
    } else {
        format!("Name: {cp} (as shown on my statement)")
    }];
    let descriptions: Vec<&str> = {
        let mut d: Vec<&str> = Vec::new();
        for row in c.evidence.iter().filter(|r| r.counted) {
            if !row.description.is_empty()
                && row.description != row.counterparty
                && !d.contains(&row.description.as_str())
            {
                d.push(&row.description);
            }
        }
        d.truncate(3);
        d
    };
    if !descriptions.is_empty() {
        lead.push(format!(
            "{}{}",
            c.t("账单中的商品说明：", "Description on the statement: "),
            descriptions.join(c.t("；", "; "))
        ));
    }
    let address_needed = c.channel == Channel::Regulator12315;
    lead.push(format!(
        "{}{}",
        c.t("地址 / 联系方式：", "Address / contact: "),
        if address_needed {
            c.blank(
                "被投诉方地址（12315 必填，可在国家企业信用信息公示系统查询）",
                "the merchant's address (12315 requires it)",
            )
        } else {
            c.blank("如已知", "if known")
        }
    ));
    match c.channel {
        Channel::Regulator12378 => lead.push(format!(
            "{}{}",
            c.t("机构类型：", "Type of institution: "),
            match c.f.primary() {
                Pattern::Insurance => c.t(
                    "保险公司或保险中介（保险经纪 / 代理）机构",
                    "insurer or insurance intermediary (broker / agent)",
                ),
                Pattern::LoanFee => c.t(
                    "贷款机构或助贷合作机构（以借款合同为准）",
                    "lender or loan-facilitation partner (as in the loan contract)",
                ),
                _ => c.t(
                    "银行或其他持牌金融机构",
                    "bank or other licensed institution"
                ),
            }
        )),
        Channel::PbocHotline12363 => lead.push(format!(
            "{}{}",
            c.t("涉及的支付机构：", "Payment institution concerned: "),
            payment_institution(c)
        )),
        _ => {}
    }
    Section {
        heading: String::new(),
        lead,
        table: false,
        paragraphs: Vec::new(),
    }
}

fn payment_institution(c: &Ctx<'_, '_>) -> String {
    let r = &c.f.rails;
    let alipay = c.t("支付宝（中国）网络技术有限公司", "Alipay.com Co., Ltd.");
    let tenpay = c.t("财付通支付科技有限公司（微信支付）", "Tenpay (WeChat Pay)");
    match (r.alipay, r.wechat) {
        (true, true) => format!("{alipay}{}{tenpay}", c.t("、", ", ")),
        (true, false) => alipay.to_string(),
        (false, true) => tenpay.to_string(),
        _ => c.blank("支付机构名称", "name of the payment institution"),
    }
}

fn intro(c: &Ctx<'_, '_>) -> String {
    let (first, last) = c.first_last();
    let n = c.counted().len();
    let single = c.span().is_some_and(|(a, b)| a == b);
    let span_zh = if single {
        format!("于{first}")
    } else {
        format!("自{first}至{last}")
    };
    let span_en = if single {
        format!("on {first}")
    } else {
        format!("between {first} and {last}")
    };
    let span_en_cap = if single {
        format!("On {first}")
    } else {
        format!("Between {first} and {last}")
    };
    let pays = payments_en(n);
    let total = c.m(c.total);
    let cp = c.cpq();
    let src = c.source_words();
    let tail = c.card_tail();
    let p = c.f.primary();
    if p == Pattern::Duplicate || p == Pattern::FailedButCharged {
        return match (c.channel, c.lang) {
            (Channel::Alipay | Channel::WeChatPay, Lang::Zh) => {
                format!("本人是{src}用户，现就本人账户与{cp}之间的一笔异常支付提出投诉，具体如下。")
            }
            (Channel::Bank, Lang::Zh) => {
                format!("本人是贵行银行卡（尾号 {tail}）持卡人，现就该卡与{cp}之间的一笔异常扣款提出争议，具体如下。")
            }
            (Channel::Regulator12315, Lang::Zh) => {
                format!("本人与{cp}之间发生消费争议，现向贵局投诉，相关违法线索另列于“举报线索”部分。")
            }
            (Channel::Regulator12378 | Channel::PbocHotline12363, Lang::Zh) => {
                format!("本人就{cp}的一笔异常扣款投诉；本人已先向相关机构投诉，未获妥善处理。")
            }
            (Channel::BankDisputeUs, Lang::Zh) => format!(
                "本人依据美国《电子资金转账法》（15 U.S.C. 1693f），就本人尾号 {tail} 的账户中与{cp}有关的一笔错误扣款向贵行发出错误通知。"
            ),
            (Channel::BankDisputeUk | Channel::BankDisputeEu, Lang::Zh) => {
                format!("本人就尾号 {tail} 的账户中{cp}的一笔扣款致函贵行。")
            }
            (_, Lang::Zh) => format!("本人核对{src}账单时发现{cp}的一笔异常扣款，现提出异议，具体如下。"),
            (Channel::BankDisputeUs, Lang::En) => format!(
                "I am writing to notify you of an error on my account ending {tail}, under the Electronic Fund Transfer Act (15 U.S.C. 1693f). It concerns a payment to {cp}."
            ),
            (Channel::BankDisputeUk | Channel::BankDisputeEu, Lang::En) => {
                format!("I am writing about a payment to {cp} taken from my account ending {tail}.")
            }
            (Channel::Regulator12315, Lang::En) => format!(
                "I have a consumer dispute with {cp} and file this complaint; possible violations are listed separately under \"Report\"."
            ),
            (Channel::Regulator12378 | Channel::PbocHotline12363, Lang::En) => format!(
                "I complain about a payment taken by {cp}. I complained to the institution first, without a satisfactory result."
            ),
            (_, Lang::En) => format!(
                "Checking my {src} statement I found a payment to {cp} that went wrong, and I dispute it as set out below."
            ),
        };
    }
    match (c.channel, c.lang) {
        (Channel::Merchant, Lang::Zh) => format!(
            "本人是贵方服务的用户。经核对本人{src}账单，{span_zh}，{cp}共从本人账户扣款 {n} 笔，合计 {total}（明细见“争议交易明细”）。本人对上述扣款提出异议，具体情况如下。"
        ),
        (Channel::Alipay | Channel::WeChatPay, Lang::Zh) => format!(
            "本人是{}用户。本人账单显示，{span_zh}，本人账户向{cp}自动付款 {n} 笔，合计 {total}。本人对这些扣款及其所依据的扣款授权提出异议，具体情况如下。",
            if c.channel == Channel::Alipay { "支付宝" } else { "微信支付" }
        ),
        (Channel::Bank, Lang::Zh) => {
            let via = via_platform(c);
            format!(
                "本人是贵行银行卡（尾号 {tail}）持卡人。本人账单显示，{span_zh}，{cp}共从本卡扣款 {n} 笔，合计 {total}{via}。本人对上述扣款提出争议，具体情况如下。"
            )
        }
        (Channel::Regulator12315, Lang::Zh) => format!(
            "本人与{cp}之间发生消费争议。{span_zh}，被投诉方从本人账户扣款 {n} 笔，合计 {total}。现向贵局投诉，相关违法线索另列于“举报线索”部分。"
        ),
        (Channel::Regulator12378, Lang::Zh) => format!(
            "本人就{cp}以自动扣款方式向本人收取{}一事投诉。{span_zh}，共扣款 {n} 笔，合计 {total}。本人已先向该机构投诉，未获妥善处理。",
            if c.f.primary() == Pattern::Insurance { "保险费" } else { "费用" }
        ),
        (Channel::PbocHotline12363, Lang::Zh) => format!(
            "本人就{}（非银行支付机构）依据代扣 / 免密协议，将本人资金划转给{cp}一事投诉。{span_zh}，共划转 {n} 笔，合计 {total}。本人已先向该支付机构投诉，未获妥善处理。",
            payment_institution(c)
        ),
        (Channel::HuabeiNegotiation, Lang::Zh) => format!(
            "本人的花呗被用于向{cp}支付下列款项：{span_zh}共 {n} 笔，合计 {total}。本人对这些款项有异议，并希望就相关欠款协商还款安排。"
        ),
        (Channel::BankDisputeUs, Lang::Zh) => format!(
            "本人依据美国《电子资金转账法》（15 U.S.C. 1693f）向贵行发出错误通知。{span_zh}，{cp}从本人尾号 {tail} 的账户扣款 {n} 笔，合计 {total}。本人未授权这些付款{}。",
            c.check()
        ),
        (Channel::BankDisputeUk | Channel::BankDisputeEu, Lang::Zh) => format!(
            "本人就{cp}从本人尾号 {tail} 的账户扣款一事致函贵行：{span_zh}共 {n} 笔，合计 {total}。本人未授权这些付款{}。",
            c.check()
        ),
        (Channel::MerchantCancellation, Lang::Zh) => format!(
            "本人特此通知取消在贵方的订阅 / 会员，立即生效，并要求退款。{span_zh}，贵方从本人账户扣款 {n} 笔，合计 {total}。"
        ),
        (Channel::Merchant, Lang::En) => format!(
            "I use your service. My {src} statement shows that {span_en} {cp} took {pays} from my account, {total} in all (listed below). I dispute these charges, for the reasons below."
        ),
        (Channel::Alipay | Channel::WeChatPay, Lang::En) => format!(
            "I am a {} user. My statement shows that {span_en} my account made {pays} to {cp} automatically, {total} in all. I dispute these payments and the authorisation they rely on.",
            if c.channel == Channel::Alipay { "Alipay" } else { "WeChat Pay" }
        ),
        (Channel::Bank, Lang::En) => {
            let via = via_platform(c);
            format!(
                "I hold your card ending {tail}. My statement shows that {span_en} {cp} took {pays} from this card, {total} in all{via}. I dispute these payments."
            )
        }
        (Channel::Regulator12315, Lang::En) => format!(
            "I have a consumer dispute with {cp}. {span_en_cap} it took {pays} from my account, {total} in all. I file this complaint; possible violations are listed separately under \"Report\"."
        ),
        (Channel::Regulator12378, Lang::En) => format!(
            "I complain that {cp} took {} from me by automatic debit: {pays} {span_en}, {total} in all. I complained to the institution first, without a satisfactory result.",
            if c.f.primary() == Pattern::Insurance { "insurance premiums" } else { "fees" }
        ),
        (Channel::PbocHotline12363, Lang::En) => format!(
            "I complain that {}, a payment institution, moved my money to {cp} under a deduction or password-free agreement: {pays} {span_en}, {total} in all. I complained to the payment institution first, without a satisfactory result.",
            payment_institution(c)
        ),
        (Channel::HuabeiNegotiation, Lang::En) => format!(
            "My Huabei credit was used to pay {cp}: {pays} {span_en}, {total} in all. I dispute these payments and would like to agree a repayment plan for the balance they created."
        ),
        (Channel::BankDisputeUs, Lang::En) => format!(
            "I am writing to notify you of errors on my account ending {tail}, under the Electronic Fund Transfer Act (15 U.S.C. 1693f). {span_en_cap}, {cp} took {pays} from my account, totaling {total}. I did not authorize these payments {}.",
            c.check()
        ),
        (Channel::BankDisputeUk | Channel::BankDisputeEu, Lang::En) => format!(
            "I am writing about payments taken from my account ending {tail} by {cp}: {pays} {span_en}, {total} in all. I did not authorise these payments {}.",
            c.check()
        ),
        (Channel::MerchantCancellation, Lang::En) => format!(
            "I am writing to cancel my subscription or membership with you, with immediate effect, and to ask for a refund. {span_en_cap} you took {pays} from my account, {total} in all."
        ),
    }
}

fn via_platform(c: &Ctx<'_, '_>) -> String {
    let r = &c.f.rails;
    let names = match (r.alipay, r.wechat) {
        (true, true) => c.t("支付宝、财付通", "Alipay and Tenpay"),
        (true, false) => c.t("支付宝", "Alipay"),
        (false, true) => c.t("财付通（微信支付）", "Tenpay (WeChat Pay)"),
        _ => return String::new(),
    };
    if c.zh() {
        format!("，账单显示扣款经由{names}发起")
    } else {
        format!(", taken through {names} according to the statement")
    }
}

/// The facts, one sentence per thing the statements show.
fn story(c: &Ctx<'_, '_>) -> Section {
    let mut facts = Vec::new();
    let counted: Vec<&EvidenceRow> = c.all.iter().filter(|r| r.counted).collect();
    let all_total: i64 = counted.iter().map(|r| r.amount_minor).sum();
    let (every_zh, every_en) = c.period_words();
    let every = |c: &Ctx<'_, '_>| {
        if c.zh() {
            every_zh.to_string()
        } else {
            format!("every {every_en}")
        }
    };
    let chk = c.check();

    for pattern in &c.f.patterns {
        let sentence = match pattern {
            Pattern::TrialToPaid if counted.len() >= 2 => {
                let trial = counted[0];
                let full = counted[1];
                if c.zh() {
                    format!(
                        "首笔扣款仅 {}（{}），此后自{}起{}扣款 {}：低价试用期满后自动转为正价扣费。开通时页面未以显著方式告知试用期满后的扣费金额和自动扣费方式{chk}。",
                        c.m(trial.amount_minor), c.d(trial.date), c.d(full.date), every(c), c.m(full.amount_minor)
                    )
                } else {
                    format!(
                        "The first charge was only {} ({}); from {} the full price of {} was taken {}. A low-price trial turned into full-price charges. The sign-up page did not make the later price and the automatic charging clear {chk}.",
                        c.m(trial.amount_minor), c.d(trial.date), c.d(full.date), c.m(full.amount_minor), every(c)
                    )
                }
            }
            Pattern::PriceIncrease => match c.f.price_step() {
                Some((old, new, at)) => {
                    let date = counted.get(at).map(|r| c.d(r.date)).unwrap_or_default();
                    if c.zh() {
                        format!("扣款金额自{date}起由 {} 上调至 {}，此后一直按新价格扣款。调价前本人未收到任何通知，也未同意新的价格{chk}。", c.m(old), c.m(new))
                    } else {
                        format!("From {date} the amount went up from {} to {} and has stayed there. I received no notice of the increase and did not agree to the new price {chk}.", c.m(old), c.m(new))
                    }
                }
                None => c
                    .t(
                        "扣款金额在此期间有所上涨，本人事先未收到调价通知。",
                        "The amount went up during this time, without notice to me.",
                    )
                    .to_string(),
            },
            Pattern::MicroWeekly => {
                let typical = c.f.stream.map(|s| s.typical_amount_minor).unwrap_or(0);
                if c.zh() {
                    format!("扣款按周进行，每次 {}，至今已扣 {} 次、合计 {}。单笔金额小、频率高，本人长期未能察觉。", c.m(typical), counted.len(), c.m(all_total))
                } else {
                    format!("The charges are weekly, {} each time: {} so far, {} in all. Each one is small, which is why I did not notice them for a long time.", c.m(typical), counted.len(), c.m(all_total))
                }
            }
            Pattern::Insurance => {
                let desc = counted.first().map(|r| r.description.clone()).unwrap_or_default();
                if c.zh() {
                    format!("上述款项为保险费（账单说明为“{desc}”），{}自动扣取。本人从未主动提出投保申请，也未收到保险合同或保单{chk}。被保险人是谁、保障内容为何，本人均不清楚{chk}。", every(c))
                } else {
                    format!("These are insurance premiums (the statement says \"{desc}\"), taken automatically {}. I never asked for this insurance and have received no policy or contract {chk}. I do not know who is insured or what is covered {chk}.", every(c))
                }
            }
            Pattern::AnnualRenewal => {
                let list: Vec<String> = counted
                    .iter()
                    .map(|r| format!("{} {}", c.d(r.date), c.m(r.amount_minor)))
                    .collect();
                if c.zh() {
                    format!("该款项每年扣取一次：{}。最近一次续费前本人未收到任何提醒{chk}。续费后本人{}。", list.join("；"), c.blank("是否使用过该服务", "whether you used the service"))
                } else {
                    format!("This is taken once a year: {}. I received no reminder before the latest renewal {chk}. Since the renewal I have {}.", list.join("; "), c.blank("是否使用过该服务", "used / not used the service"))
                }
            }
            Pattern::NoSignUp if c.f.has(Pattern::TrialToPaid) => continue,
            Pattern::NoSignUp => {
                let from = c.f.coverage.map(|(s, _)| c.d(s));
                let first = counted.first().map(|r| c.d(r.date)).unwrap_or_default();
                match (from, c.zh()) {
                    (Some(from), true) => format!("本人自{from}起的账单中，首笔扣款（{first}）之前没有任何向该商户购买或开通服务的记录。本人不记得曾开通该服务或签订扣款协议{chk}。"),
                    (None, true) => format!("本人账单中，首笔扣款（{first}）之前没有任何向该商户购买或开通服务的记录。本人不记得曾开通该服务或签订扣款协议{chk}。"),
                    (Some(from), false) => format!("My statements from {from} show no purchase or sign-up with this merchant before the first charge ({first}). I do not remember signing up or agreeing to any deduction {chk}."),
                    (None, false) => format!("My statements show no purchase or sign-up with this merchant before the first charge ({first}). I do not remember signing up or agreeing to any deduction {chk}."),
                }
            }
            Pattern::DeductionAgreement => c
                .t(
                    "这些扣款是通过代扣 / 免密支付协议完成的，每次扣款都无需本人输入密码或确认。",
                    "The payments were taken under a standing deduction (password-free) agreement: none of them needed my password or confirmation.",
                )
                .to_string(),
            Pattern::AutoRenewal => {
                if c.zh() {
                    format!("上述扣款均为自动续费，每次续费前本人均未收到扣费提醒（短信、App 消息或邮件）{chk}。")
                } else {
                    format!("These are automatic renewals, and I received no reminder (text message, app notice or e-mail) before any of them {chk}.")
                }
            }
            Pattern::Recurring => {
                if c.zh() {
                    format!("上述扣款{}重复发生，本人不清楚其对应的服务内容，也不记得同意过定期扣款{chk}。", every(c))
                } else {
                    format!("These charges recur {}. I do not know what service they are for and do not remember agreeing to regular charges {chk}.", every(c))
                }
            }
            Pattern::LoanFee => loan_story(c),
            Pattern::Duplicate => duplicate_story(c),
            Pattern::FailedButCharged => failed_story(c),
            Pattern::ExpectedBill => c
                .t(
                    "上述款项为定期支付的账单，本人对其中的收费有疑问，请予核对并说明。",
                    "These are regular bills; I have questions about the charges and ask you to check and explain them.",
                )
                .to_string(),
            Pattern::Income | Pattern::TrialToPaid => continue,
        };
        facts.push(sentence);
    }

    if !c.f.mirrors.is_empty() {
        let mut mirror_files: Vec<String> = Vec::new();
        for m in &c.f.mirrors {
            let name = clean(&m.source.file);
            if !mirror_files.contains(&name) {
                mirror_files.push(name);
            }
        }
        let lines: Vec<String> =
            c.f.mirrors
                .iter()
                .map(|m| m.source.line.to_string())
                .collect();
        facts.push(if c.zh() {
            format!(
                "同样的款项也出现在本人的银行卡流水中（{}，第 {} 行），可相互印证。",
                mirror_files.join("、"),
                lines.join("、")
            )
        } else {
            format!(
                "The same payments appear on my bank statement ({}, lines {}).",
                mirror_files.join(", "),
                lines.join(", ")
            )
        });
    }
    if let Some(next) =
        c.f.stream
            .filter(|s| s.active)
            .and_then(|s| s.next_expected)
    {
        facts.push(if c.zh() {
            format!("如不及时制止，预计{}前后将再次扣款。", c.d(next))
        } else {
            format!(
                "Unless it is stopped, the next charge is expected around {}.",
                c.d(next)
            )
        });
    }
    if c.channel == Channel::BankDisputeUk {
        let limit = c.today.checked_sub_months(Months::new(13));
        let old: Vec<String> = counted
            .iter()
            .filter(|r| limit.is_some_and(|l| r.date < l))
            .map(|r| c.d(r.date))
            .collect();
        facts.push(if old.is_empty() {
            c.t("本通知在每笔扣款之日起 13 个月内发出。", "I am giving this notice within 13 months of each debit.").to_string()
        } else if c.zh() {
            format!("其中 {} 的扣款已超过 13 个月，仍请贵行一并核查{chk}。", old.join("、"))
        } else {
            format!("The payments of {} are more than 13 months old; I ask you to review them as well {chk}.", old.join(", "))
        });
    }
    if c.channel == Channel::BankDisputeUs {
        facts.push(if c.zh() {
            format!(
                "第一笔争议扣款出现在日期为 {} 的对账单上。",
                c.blank("对账单日期", "statement date")
            )
        } else {
            format!(
                "The first of these payments appeared on my statement dated {}.",
                c.blank("对账单日期", "statement date")
            )
        });
    }
    Section {
        heading: String::new(),
        lead: vec![intro(c)],
        table: false,
        paragraphs: list(facts),
    }
}

fn loan_story(c: &Ctx<'_, '_>) -> String {
    let chk = c.check();
    let loan_row = c.all.iter().find(|r| r.role == RowRole::LoanPaidOut);
    let (date, lender, principal, source) = match (loan_row, c.f.loan) {
        (Some(r), _) => (
            c.d(r.date),
            r.counterparty.clone(),
            c.m(r.amount_minor),
            c.source_of(r),
        ),
        (None, Some(t)) => {
            let source = if c.zh() {
                format!("{} 第 {} 行", clean(&t.source.file), t.source.line)
            } else {
                format!("{}, line {}", clean(&t.source.file), t.source.line)
            };
            (
                c.d(t.when.date),
                clean(&t.counterparty),
                c.m(t.amount.minor),
                source,
            )
        }
        (None, None) => (
            c.blank("借款到账日期", "date the loan arrived"),
            c.blank("放款方", "lender"),
            c.blank("借款金额", "loan amount"),
            c.blank("账单行号", "statement line"),
        ),
    };
    let fee_rows: Vec<&EvidenceRow> = c.all.iter().filter(|r| r.counted).collect();
    let fees = fee_rows.len();
    let fee_total: i64 = fee_rows.iter().map(|r| r.amount_minor).sum();
    if c.zh() {
        format!("{date}，本人账户收到「{lender}」借款 {principal}（{source}）；随即开始被扣收会员费、服务费或担保费等费用，至今 {fees} 笔、合计 {}。本人未同意购买任何会员、权益或担保服务，收费页面如有勾选项也是默认勾选{chk}。", c.m(fee_total))
    } else {
        format!("On {date} a loan of {principal} from {lender} was paid into my account ({source}); fees for membership, services or guarantees began to be taken straight away: {fees} so far, {} in all. I did not agree to buy any membership, benefit or guarantee service, and any box on the page was ticked in advance {chk}.", c.m(fee_total))
    }
}

fn duplicate_story(c: &Ctx<'_, '_>) -> String {
    let chk = c.check();
    let cp = c.cpq();
    let rows: Vec<&EvidenceRow> = c.all.iter().filter(|r| r.counted).collect();
    let (Some(a), Some(b)) = (rows.first(), rows.get(1)) else {
        return c
            .t(
                "同一笔消费被重复扣款。",
                "The same purchase was charged twice.",
            )
            .to_string();
    };
    let gap = match (a.time, b.time) {
        (Some(x), Some(y)) if a.date == b.date => {
            let secs = (y - x).num_seconds().abs();
            Some(match (secs < 60, c.lang, secs / 60) {
                (true, Lang::Zh, _) => format!("{secs} 秒"),
                (false, Lang::Zh, m) => format!("{m} 分钟"),
                (true, Lang::En, _) if secs == 1 => "1 second".to_string(),
                (true, Lang::En, _) => format!("{secs} seconds"),
                (false, Lang::En, 1) => "1 minute".to_string(),
                (false, Lang::En, m) => format!("{m} minutes"),
            })
        }
        _ => None,
    };
    match (gap, c.zh()) {
        (Some(min), true) => format!("{}，{cp}在 {} 与 {}（相隔 {min}）以相同金额 {} 扣款两次。本人实际只消费一次，第二笔为重复扣款{chk}。", c.d(a.date), a.time.map(|t| t.format("%H:%M:%S").to_string()).unwrap_or_default(), b.time.map(|t| t.format("%H:%M:%S").to_string()).unwrap_or_default(), c.m(a.amount_minor)),
        (None, true) => format!("{cp}于{}和{}以相同金额 {} 扣款两次。本人实际只消费一次，第二笔为重复扣款{chk}。", c.d(a.date), c.d(b.date), c.m(a.amount_minor)),
        (Some(min), false) => format!("On {} {cp} charged the same amount, {}, twice: at {} and at {} ({min} apart). I made one purchase only; the second charge is a duplicate {chk}.", c.d(a.date), c.m(a.amount_minor), a.time.map(|t| t.format("%H:%M:%S").to_string()).unwrap_or_default(), b.time.map(|t| t.format("%H:%M:%S").to_string()).unwrap_or_default()),
        (None, false) => format!("{cp} charged the same amount, {}, twice (on {} and on {}). I made one purchase only; the second charge is a duplicate {chk}.", c.m(a.amount_minor), c.d(a.date), c.d(b.date)),
    }
}

fn failed_story(c: &Ctx<'_, '_>) -> String {
    let cp = c.cpq();
    let order = c.all.iter().find(|r| r.role == RowRole::FailedOrder);
    let bank = c.all.iter().find(|r| r.role == RowRole::BankDebit);
    match (order, bank, c.zh()) {
        (Some(o), Some(b), true) => format!(
            "{}，本人向{cp}的付款在账单中显示为“{}”，即交易未成功（{}）；但本人银行卡于{}被扣款 {}（{}），至今未见退回。",
            c.d(o.date), o.status, c.source_of(o), c.d(b.date), c.m(b.amount_minor), c.source_of(b)
        ),
        (Some(o), Some(b), false) => format!(
            "On {} my payment to {cp} shows as \"{}\" on the statement, so it did not go through ({}); yet {} was taken from my bank card on {} ({}) and has not come back.",
            c.d(o.date), o.status, c.source_of(o), c.m(b.amount_minor), c.d(b.date), c.source_of(b)
        ),
        (_, _, true) => "一笔显示为未成功的付款已被扣款，至今未见退回。".to_string(),
        (_, _, false) => "A payment that shows as failed was still charged, and the money has not come back.".to_string(),
    }
}

fn evidence_title(c: &Ctx<'_, '_>) -> String {
    let n = c.counted().len();
    if c.zh() {
        format!("争议交易明细（共 {n} 笔，合计 {}）", c.m(c.total))
    } else {
        format!(
            "The transactions ({}, {} in all)",
            payments_en(n),
            c.m(c.total)
        )
    }
}

fn evidence_section(c: &Ctx<'_, '_>) -> Section {
    let offsets: Vec<i32> = {
        let mut o: Vec<i32> = c.evidence.iter().map(|r| r.utc_offset_seconds).collect();
        o.sort_unstable();
        o.dedup();
        o
    };
    let zone = offsets
        .iter()
        .map(|&s| utc_offset(s))
        .collect::<Vec<_>>()
        .join(", ");
    let files = c.f.files().join(c.t("、", ", "));
    let lead = vec![if c.zh() {
        format!("下表时间为账单所载当地时间（{zone}），“来源”为账单文件名及行号，可在原文件中逐行核对。账单文件：{files}。")
    } else {
        format!("Times are local times as printed on the statement ({zone}); each row names the statement file and line it comes from, so it can be checked in the original. Statement files: {files}.")
    }];
    let mut after = vec![if c.zh() {
        format!("合计：{}（{} 笔）", c.m(c.total), c.counted().len())
    } else {
        format!(
            "Total: {} ({})",
            c.m(c.total),
            payments_en(c.counted().len())
        )
    }];
    if c.claim != c.total {
        after.push(if c.zh() {
            format!("本函要求退还：{}（{}）", c.m(c.claim), c.claim_words())
        } else {
            format!("Amount I ask back: {} ({})", c.m(c.claim), c.claim_words())
        });
    }
    if !c.f.missing.is_empty() {
        let refs: Vec<String> =
            c.f.missing
                .iter()
                .map(|r| format!("{}:{}", clean(&r.file), r.line))
                .collect();
        after.push(if c.zh() {
            format!(
                "另有 {} 条记录未能在已导入的账单中找到：{}。",
                refs.len(),
                refs.join("、")
            )
        } else {
            format!(
                "{} more rows could not be found in the statements read: {}.",
                refs.len(),
                refs.join(", ")
            )
        });
    }
    Section {
        heading: String::new(),
        lead,
        table: true,
        paragraphs: after,
    }
}

/// One evidence row as a line of text.
pub(crate) fn evidence_line(row: &EvidenceRow, lang: Lang) -> String {
    let mut parts = vec![match row.time {
        Some(t) => format!("{} {}", row.date, t.format("%H:%M:%S")),
        None => row.date.to_string(),
    }];
    let sign = if row.direction == Direction::Credit {
        "+"
    } else {
        ""
    };
    parts.push(format!(
        "{sign}{}",
        money(row.amount_minor, row.currency, lang)
    ));
    if !row.counterparty.is_empty() {
        parts.push(row.counterparty.clone());
    }
    if !row.description.is_empty() && row.description != row.counterparty {
        parts.push(row.description.clone());
    }
    if let Some(id) = &row.order_id {
        parts.push(format!("{}{id}", tr(lang, "交易号 ", "ref ")));
    }
    if let Some(id) = &row.merchant_order_id {
        parts.push(format!("{}{id}", tr(lang, "商户订单号 ", "merchant ref ")));
    }
    if let Some(method) = &row.payment_method {
        parts.push(method.clone());
    }
    if !row.status.is_empty() {
        parts.push(row.status.clone());
    }
    parts.push(match lang {
        Lang::Zh => format!("{} 第 {} 行", row.file, row.line),
        Lang::En => format!("{}, line {}", row.file, row.line),
    });
    let role = match row.role {
        RowRole::Charge => "",
        RowRole::Duplicate => tr(lang, "（重复扣款）", " (duplicate)"),
        RowRole::FailedOrder => tr(
            lang,
            "（显示未成功，不计入合计）",
            " (shown as failed; not in the total)",
        ),
        RowRole::BankDebit => tr(lang, "（银行卡扣款）", " (bank debit)"),
        RowRole::LoanPaidOut => tr(
            lang,
            "（借款到账，不计入合计）",
            " (loan paid in; not in the total)",
        ),
    };
    format!("{}. {}{role}", row.index, parts.join(" | "))
}

fn done(c: &Ctx<'_, '_>) -> Section {
    let mut items = Vec::new();
    let date = || c.blank("日期", "date");
    match c.channel {
        Channel::Regulator12315 | Channel::Regulator12378 | Channel::PbocHotline12363 => {
            let first = match c.channel {
                Channel::PbocHotline12363 => payment_institution(c),
                _ => c.cpq(),
            };
            items.push(if c.zh() {
                format!(
                    "本人已于{}向{first}投诉（方式：{}；编号：{}），对方{}。",
                    date(),
                    c.blank("电话 / App / 书面", "phone / app / letter"),
                    c.blank("工单号", "reference"),
                    c.blank("未答复 / 答复内容", "did not answer / answered that …")
                )
            } else {
                format!(
                    "On {} I complained to {first} (how: {}; reference: {}); the answer was: {}.",
                    date(),
                    c.blank("电话 / App / 书面", "phone / app / letter"),
                    c.blank("工单号", "reference"),
                    c.blank("未答复 / 答复内容", "no answer / what they said")
                )
            });
            if c.channel == Channel::Regulator12315 {
                items.push(if c.zh() {
                    format!("就同一争议，本人未向人民法院起诉、未申请仲裁，也未向消费者协会或其他调解组织投诉{}。", c.check())
                } else {
                    format!("I have not taken this dispute to a court, an arbitrator, a consumers' association or any other mediator {}.", c.check())
                });
            }
        }
        _ if matches!(
            c.f.primary(),
            Pattern::Duplicate | Pattern::FailedButCharged
        ) =>
        {
            items.push(if c.zh() {
                format!(
                    "本人已于{}通过{}就此联系过{}（工单号：{}）。",
                    date(),
                    c.blank("在线客服 / 电话 / 书面", "chat / phone / letter"),
                    c.blank("商户 / 支付平台 / 银行", "merchant / wallet / bank"),
                    c.blank("如有", "if any")
                )
            } else {
                format!(
                    "On {} I contacted {} about this by {} (reference: {}).",
                    date(),
                    c.blank("商户 / 支付平台 / 银行", "the merchant / wallet / bank"),
                    c.blank("在线客服 / 电话 / 书面", "chat / phone / letter"),
                    c.blank("如有", "if any")
                )
            });
            items.push(if c.zh() {
                format!(
                    "得到的答复：{}。",
                    c.blank("答复要点；未联系或未答复请写明", "what you were told")
                )
            } else {
                format!(
                    "The answer I received: {}.",
                    c.blank(
                        "答复要点；未联系或未答复请写明",
                        "what you were told, or \"none\""
                    )
                )
            });
        }
        _ => {
            items.push(if c.zh() {
                format!(
                    "本人已于{}通过{}要求停止扣款（工单号：{}）。",
                    date(),
                    c.blank(
                        "App 内关闭自动续费 / 在线客服 / 电话",
                        "app setting / chat / phone"
                    ),
                    c.blank("如有", "if any")
                )
            } else {
                format!(
                    "On {} I asked for the charges to stop, by {} (reference: {}).",
                    date(),
                    c.blank(
                        "App 内关闭自动续费 / 在线客服 / 电话",
                        "app setting / chat / phone call"
                    ),
                    c.blank("如有", "if any")
                )
            });
            items.push(match (c.lang, c.channel.is_abroad()) {
                (Lang::Zh, false) => format!(
                    "扣款协议 / 自动续费目前的状态：{}。",
                    c.blank("已于某日关闭 / 仍在生效", "closed on … / still active")
                ),
                (Lang::Zh, true) => format!(
                    "订阅 / 扣款授权目前的状态：{}。",
                    c.blank("已于某日取消 / 仍在生效", "cancelled on … / still active")
                ),
                (Lang::En, false) => format!(
                    "The deduction agreement or subscription is now: {}.",
                    c.blank("已于某日关闭 / 仍在生效", "cancelled on … / still active")
                ),
                (Lang::En, true) => format!(
                    "The subscription or payment authority is now: {}.",
                    c.blank("已于某日取消 / 仍在生效", "cancelled on … / still active")
                ),
            });
            items.push(if c.zh() {
                format!(
                    "得到的答复：{}。",
                    c.blank(
                        "答复要点；未答复请写“未答复”",
                        "what you were told, or \"no answer\""
                    )
                )
            } else {
                format!(
                    "The answer I received: {}.",
                    c.blank(
                        "答复要点；未答复请写“未答复”",
                        "what you were told, or \"no answer\""
                    )
                )
            });
        }
    }
    Section {
        heading: String::new(),
        lead: Vec::new(),
        table: false,
        paragraphs: list(items),
    }
}

fn demands(c: &Ctx<'_, '_>) -> Section {
    let cp = c.cpq();
    let claim = c.m(c.claim);
    let what = c.claim_words();
    let p = c.f.primary();
    let zh = c.zh();
    let payment_error = matches!(p, Pattern::Duplicate | Pattern::FailedButCharged);
    let mut d: Vec<String> = Vec::new();
    let s = |zh_text: String, en_text: String| if zh { zh_text } else { en_text };

    match c.channel {
        Channel::Merchant | Channel::Regulator12315 => {
            let lead_zh = if c.channel == Channel::Regulator12315 {
                "请贵局依法受理并组织调解，促成被投诉方："
            } else {
                ""
            };
            let lead_en = if c.channel == Channel::Regulator12315 {
                "I ask you to accept this complaint and mediate, so that the merchant will: "
            } else {
                ""
            };
            if !lead_zh.is_empty() {
                d.push(c.t(lead_zh, lead_en).trim_end().to_string());
            }
            match p {
                Pattern::Duplicate => {
                    d.push(s(
                        format!("退还{what} {claim}，原路退回；"),
                        format!("refund {what}, {claim}, to the original payment method;"),
                    ));
                    d.push(s(
                        "书面说明重复扣款的原因。".into(),
                        "explain in writing how the duplicate happened.".into(),
                    ));
                }
                Pattern::FailedButCharged => {
                    d.push(s(
                        format!("退还{what} {claim}，原路退回；"),
                        format!("refund {what}, {claim}, to the original payment method;"),
                    ));
                    d.push(s(
                        "书面说明该笔交易的资金去向。".into(),
                        "explain in writing where the money went.".into(),
                    ));
                }
                Pattern::Insurance => {
                    d.push(s("确认该保险合同因本人未提出投保而不成立，或予以撤销；至少立即解除合同、停止扣费，并书面确认；".into(), "confirm that no insurance contract was formed, since I never applied, or rescind it; at the least terminate it at once, stop the premiums and confirm this in writing;".into()));
                    d.push(s(
                        format!("退还{what} {claim}，原路退回；"),
                        format!("refund {what}, {claim}, to the original payment method;"),
                    ));
                    d.push(s("提供投保单、投保确认记录（时间、设备、验证方式）、可回溯的录屏或录音、投保时展示的保费说明（含逐期保费变化）以及被保险人信息；".into(), "provide the application, the record of my confirmation (time, device, verification), any screen or voice recording, the premium schedule shown at sign-up (including step-ups) and who the insured person is;".into()));
                    d.push(s(
                        "告知本投诉的编号及处理期限。".into(),
                        "give me a reference number and the time it will take.".into(),
                    ));
                }
                Pattern::LoanFee => {
                    d.push(s(
                        format!("停止收取并退还{what} {claim}；"),
                        format!("stop charging and refund {what}, {claim};"),
                    ));
                    d.push(s("提供借款合同、借款确认记录（时间、设备、验证方式）、收费授权记录，以及出借方、担保方和平台方的完整名称；".into(), "provide the loan contract, the record of my confirmation (time, device, verification), the fee authorisation, and the full names of the lender, guarantor and platform;".into()));
                    d.push(s(format!("对本人未确认的借款，允许本人仅归还本金提前结清，不收取利息和任何费用{}；", c.check()), format!("for a loan I did not confirm, let me repay the principal only, with no interest or fees {};", c.check())));
                    d.push(s(
                        "立即解除扣款协议，停止继续扣费。".into(),
                        "end the deduction agreement and take no further payments.".into(),
                    ));
                }
                _ => {
                    d.push(s("立即停止扣款，关闭本人账户下的自动续费 / 代扣服务，并书面确认已关闭；".into(), "stop the charges at once, switch off the automatic renewal or deduction on my account and confirm this in writing;".into()));
                    d.push(s(
                        format!("退还{what} {claim}，原路退回；"),
                        format!("refund {what}, {claim}, to the original payment method;"),
                    ));
                    d.push(s("提供本人开通该服务的完整记录：开通时间、开通页面及当时展示的收费规则版本、验证方式，以及每次扣费前向本人发送提醒的记录（时间、渠道、内容）；".into(), "provide the full record of my sign-up: when, the page and the version of the price terms shown that day, how it was verified, and every reminder sent to me before a charge (when, how, what it said);".into()));
                    d.push(s(
                        "书面答复处理结果。".into(),
                        "give me your answer in writing.".into(),
                    ));
                }
            }
        }
        Channel::Alipay | Channel::WeChatPay => {
            if payment_error {
                d.push(s(
                    "核查该笔交易的支付指令及资金流向；".into(),
                    "review the payment instruction and where the money went;".into(),
                ));
                d.push(s(
                    format!("退还{what} {claim}，或督促商户退还；"),
                    format!("refund {what}, {claim}, or make the merchant refund it;"),
                ));
                d.push(s(
                    "书面说明核查结果并告知投诉编号。".into(),
                    "tell me the result in writing and give me a reference number.".into(),
                ));
            } else {
                d.push(s(format!("立即解除本人账户与{cp}之间的代扣 / 免密支付 / 自动扣款协议，停止向其付款，并告知解除结果；"), format!("end at once every deduction, password-free or automatic-payment agreement between my account and {cp}, pay them nothing more, and confirm this;")));
                d.push(s("提供该协议的签约时间、签约入口与页面、验证方式，以及上表每笔扣款对应的支付指令记录；".into(), "provide when and where the agreement was signed (entry point and page), how it was verified, and the payment instruction behind each payment listed;".into()));
                d.push(s(format!("核查上表扣款是否均由本人有效授权；对不能证明本人授权的扣款，先行向本人退还（合计 {claim}），再由贵方向商户追偿；"), format!("check whether I validly authorised each payment; where you cannot show that I did, refund me first ({claim} in all) and recover it from the merchant;")));
                d.push(s(
                    "告知本投诉的编号和处理期限。".into(),
                    "give me a reference number and the time it will take.".into(),
                ));
            }
        }
        Channel::Bank => {
            if payment_error {
                d.push(s(
                    "核查该笔扣款的清算记录，说明资金去向；".into(),
                    "trace the debit and tell me where the money went;".into(),
                ));
                d.push(s(format!("退还{what} {claim}，或向收单机构 / 支付机构追回；"), format!("refund {what}, {claim}, or recover it from the acquirer or payment institution;")));
                d.push(s(
                    "告知投诉编号及处理期限。".into(),
                    "give me a reference number and the time it will take.".into(),
                ));
            } else {
                d.push(s("逐笔说明上表扣款的性质：是否为经第三方支付机构发起的快捷支付 / 协议支付，以及贵行据以扣款的授权（签约时间、渠道、验证方式）；".into(), "tell me, for each debit, whether it was a quick payment or agreement payment started by a payment institution, and which authorisation you relied on (when, through which channel, how verified);".into()));
                d.push(s(format!("立即解除本卡与相关支付机构及{cp}之间的快捷支付或代扣签约，停止扣款；"), format!("end at once any quick-payment or deduction contract between this card and the payment institution or {cp}, and stop the debits;")));
                d.push(s(format!("对未经本人授权的扣款依法退还或协助追回，合计 {claim}；"), format!("refund, or help me recover, the debits I did not authorise: {claim} in all;")));
                d.push(s(
                    "提供相关授权记录和交易凭证；".into(),
                    "send me the authorisation records and transaction vouchers;".into(),
                ));
                d.push(s(
                    "告知投诉编号及处理期限。".into(),
                    "give me a reference number and the time it will take.".into(),
                ));
            }
        }
        Channel::Regulator12378 | Channel::PbocHotline12363 => {
            let who = if c.channel == Channel::PbocHotline12363 {
                payment_institution(c)
            } else {
                cp.clone()
            };
            d.push(s(
                format!("督促{who}核查并退还{what} {claim}；"),
                format!("require {who} to review this and refund {what}, {claim};"),
            ));
            d.push(s(match p {
                Pattern::Insurance => "督促其提供投保确认记录、可回溯录屏或录音及保费说明；".into(),
                Pattern::LoanFee => "督促其提供借款确认记录、收费授权记录及全部参与机构名单；".into(),
                _ => "督促其提供扣款协议的签约记录与每笔扣款的支付指令记录；".into(),
            }, match p {
                Pattern::Insurance => "require it to produce the record of my application, any screen or voice recording and the premium terms;".into(),
                Pattern::LoanFee => "require it to produce the loan confirmation, the fee authorisation and the list of every party involved;".into(),
                _ => "require it to produce the deduction agreement's signing record and the payment instruction for each payment;".into(),
            }));
            if !payment_error {
                d.push(s(format!("督促其解除与{cp}相关的扣款协议，停止扣款；"), format!("require it to end the deduction agreement with {cp} and stop the payments;")));
            }
            d.push(s(
                "依法核查其是否存在违规行为；".into(),
                "look into whether it broke the rules;".into(),
            ));
            d.push(s(
                "告知受理情况及处理结果。".into(),
                "tell me whether the complaint is accepted and what comes of it.".into(),
            ));
        }
        Channel::HuabeiNegotiation => {
            d.push(s("将上表交易列为争议交易；核查期间暂停对相关金额计息、计收费用，并暂停就该部分催收；".into(), "treat the payments listed as disputed, and while you review them charge no interest or fees on them and do not chase them;".into()));
            d.push(s(
                format!("关闭{cp}的花呗免密支付 / 先享后付 / 自动扣款授权；"),
                format!(
                    "switch off Huabei password-free, pay-later or automatic payments to {cp};"
                ),
            ));
            d.push(s("经核实属于未经授权或违规扣款的，撤销交易并更正花呗账单；如已报送征信，一并更正；".into(), "where a payment proves unauthorised or improper, reverse it and correct my Huabei bill, and any credit report already made;".into()));
            d.push(s("如本人因上述款项出现还款困难，申请协商还款（个性化分期）：请告知可选方案、各期金额及全部费用；".into(), "if these payments leave me unable to repay on time, I ask for a negotiated repayment plan (personalised instalments): please tell me the options, each instalment and every fee;".into()));
            d.push(s(
                "提供花呗合同、放贷机构名称及收费标准。".into(),
                "send me the Huabei contract, the lender's name and the fee schedule.".into(),
            ));
        }
        Channel::BankDisputeUs => {
            d.push(s("调查上述错误，并在 10 个工作日内告知结果；如需更长时间，请在这 10 个工作日内先将争议金额临时入账，再完成调查（最长 45 日）；".into(), "investigate these errors and tell me the result within 10 business days; if you need longer, provisionally credit my account with the disputed amount within those 10 business days while you finish (at most 45 days);".into()));
            d.push(s(format!("将这些付款作为未经授权的电子资金转账处理，向本人账户退还 {claim}；"), format!("treat these payments as unauthorized electronic fund transfers and credit my account with {claim};")));
            if !payment_error {
                let next = c.f.stream.and_then(|s| s.next_expected).map(|n| c.d(n));
                d.push(match (next, zh) {
                    (Some(n), true) => format!("停止向{cp}继续付款：本函即为对该收款方一切预先授权转账的止付指令，下一笔预计在 {n} 前后（15 U.S.C. 1693e）；"),
                    (None, true) => format!("停止向{cp}继续付款：本函即为对该收款方一切预先授权转账的止付指令（15 U.S.C. 1693e）；"),
                    (Some(n), false) => format!("stop all further payments to {cp}: please take this letter as my stop-payment order for any preauthorized transfer to this payee; the next one is expected around {n} (15 U.S.C. 1693e);"),
                    (None, false) => format!("stop all further payments to {cp}: please take this letter as my stop-payment order for any preauthorized transfer to this payee (15 U.S.C. 1693e);"),
                });
            }
            d.push(s("提供贵行所依据的文件副本，包括这些预先授权转账的书面授权；转账是否经授权由贵行承担举证责任（15 U.S.C. 1693g）；".into(), "send me copies of the documents you relied on, including any written authorization for these transfers; the burden of proving that a transfer was authorized is on you (15 U.S.C. 1693g);".into()));
            let codes = if p == Pattern::Duplicate {
                "Visa 12.6.1 或 Mastercard 4834"
            } else {
                "Visa 13.2 / 10.4 或 Mastercard 4841 / 4837"
            };
            let codes_en = if p == Pattern::Duplicate {
                "Visa 12.6.1 or Mastercard 4834"
            } else {
                "Visa 13.2 / 10.4 or Mastercard 4841 / 4837"
            };
            d.push(s(format!("如这些是银行卡付款，请向卡组织发起退单（例如 {codes}）；"), format!("if these were card payments, raise a chargeback with the card network (for example {codes_en});")));
            d.push(s("如该账户为信用卡，请将本函视为《公平信用账单法》（15 U.S.C. 1666）下的账单错误通知。".into(), "if this account is a credit card, treat this letter as a billing-error notice under the Fair Credit Billing Act (15 U.S.C. 1666).".into()));
        }
        Channel::BankDisputeUk => {
            if !payment_error {
                d.push(s(format!("自即日起，本人撤回可能曾给予的向{cp}付款的任何同意。请取消以其为收款方的任何直接借记（Direct Debit）或持续付款授权（CPA），拒绝后续付款；此后的付款均属未经授权（reg. 67）；"), format!("with immediate effect I withdraw any consent I may have given to payments to {cp}. Please cancel any Direct Debit or continuous payment authority in their favour and refuse further payments; any later payment is unauthorised (regulation 67);")));
            }
            d.push(s(format!("将 {claim} 作为未经授权的付款退还，最迟在收到本函后下一个营业日结束前完成，并将账户恢复到未发生这些付款时的状态（reg. 76）；"), format!("refund {claim} as unauthorised payments by the end of the business day after you receive this letter, and put my account back as if they had not been made (regulation 76);")));
            d.push(s("如贵行认为其中有经本人授权的付款，请出示所依据的授权及认证证据；".into(), "if you consider any of these payments authorised, show me the evidence of authorisation and authentication you rely on;".into()));
            if !payment_error {
                d.push(s("如其中有直接借记，请依直接借记保证（Direct Debit Guarantee）退款；如有由收款人发起、本人事先未同意确切金额的付款，请视本函为 reg. 79–80 下的退款申请；".into(), "if any were Direct Debits, refund them under the Direct Debit Guarantee; if any were started by the payee for an amount I had not agreed in advance, treat this as a refund request under regulations 79 and 80;".into()));
            }
            d.push(s(
                "以书面形式给出最终答复。".into(),
                "send me your final response in writing.".into(),
            ));
        }
        Channel::BankDisputeEu => {
            if !payment_error {
                d.push(s(format!("自即日起，本人撤回向{cp}付款的任何同意（包括任何扣款授权 / SEPA 授权书）；此后的付款均属未经授权；"), format!("with immediate effect I withdraw my consent to payments to {cp}, including any mandate; any later payment is unauthorised;")));
            }
            d.push(s(format!("将 {claim} 作为未经授权的付款立即退还，最迟在下一个营业日结束前完成；"), format!("refund {claim} as unauthorised payments immediately, and at the latest by the end of the next business day;")));
            if !payment_error {
                d.push(s("如其中有由收款人发起的直接借记，请视本函为在扣款后 8 周内提出的退款申请（PSD2 第 77 条）；".into(), "if any were direct debits started by the payee, treat this as a refund request made within 8 weeks of the debit (PSD2 Art. 77);".into()));
            }
            d.push(s(
                "如贵行认为其中有经本人授权的付款，请出示认证证据；".into(),
                "if you consider any payment authorised, show me the evidence of authentication;"
                    .into(),
            ));
            d.push(s(
                "在 15 个营业日内书面答复本投诉（PSD2 第 101 条）。".into(),
                "answer this complaint in writing within 15 business days (PSD2 Art. 101).".into(),
            ));
        }
        Channel::MerchantCancellation => {
            if payment_error {
                d.push(s(
                    format!("退还{what} {claim}；"),
                    format!("refund {what}, {claim};"),
                ));
                d.push(s(
                    "书面确认退款。".into(),
                    "confirm the refund in writing.".into(),
                ));
            } else {
                d.push(s("立即取消本人的订阅 / 会员，不再扣取任何款项，并书面确认；".into(), "cancel my subscription or membership with immediate effect, take no further payments, and confirm this in writing;".into()));
                d.push(s(
                    format!("退还{what} {claim}；"),
                    format!("refund {what}, {claim};"),
                ));
                d.push(s("提供本人同意订阅的记录：何时、以何种方式注册，当时展示的条款和价格，以及发送过的续费提醒；".into(), "send me the record of my agreement: when and how I signed up, the terms and price shown then, and any renewal reminders you sent;".into()));
                d.push(s(
                    "删除贵方保存的本人支付信息。".into(),
                    "delete the payment details you hold for me.".into(),
                ));
            }
        }
    }
    // The lead line of a 12315 complaint is not a numbered demand.
    let (lead, items) = if c.channel == Channel::Regulator12315 && !d.is_empty() {
        (vec![d.remove(0)], d)
    } else {
        (vec![c.t("本人要求：", "I ask you to:").to_string()], d)
    };
    Section {
        heading: String::new(),
        lead,
        table: false,
        paragraphs: list(items),
    }
}

/// 12315 only: the violations to look into, kept apart from the refund complaint.
fn report_leads(c: &Ctx<'_, '_>) -> Section {
    let mut leads = Vec::new();
    let f = c.f;
    let renewal = f.has(Pattern::AutoRenewal)
        || f.has(Pattern::TrialToPaid)
        || f.has(Pattern::MicroWeekly)
        || f.has(Pattern::AnnualRenewal)
        || f.has(Pattern::PriceIncrease);
    if renewal {
        leads.push(c.t(
            "未在自动续费前以显著方式提醒消费者，也未提供简便的取消方式（《消费者权益保护法实施条例》第十条第二款；《网络交易监督管理办法》第十八条（条文号待核实））；",
            "not reminding consumers prominently before automatic renewals, and not offering a simple way to cancel (Implementing Regulations of the Consumer Rights Protection Law, Art. 10(2); Measures for the Supervision of Online Transactions, Art. 18 (number to verify));",
        ));
    }
    if f.has(Pattern::TrialToPaid) {
        leads.push(c.t(
            "以低价试用诱导开通，未以显著方式提示试用期满后的扣费标准（《消费者权益保护法》第二十六条；《电子商务法》第十七条）；",
            "luring consumers with a low-price trial without prominently stating the price charged afterwards (Consumer Rights Protection Law Art. 26; E-Commerce Law Art. 17);",
        ));
    }
    if f.has(Pattern::PriceIncrease) {
        leads.push(c.t(
            "服务期内未经通知提高收费标准（《消费者权益保护法》第八条）；",
            "raising the price during the service without notice (Consumer Rights Protection Law Art. 8);",
        ));
    }
    if f.has(Pattern::LoanFee) {
        leads.push(c.t(
            "以默认勾选等方式搭售会员、权益等服务（《电子商务法》第十九条）；",
            "tying in memberships or benefits through pre-ticked options (E-Commerce Law Art. 19);",
        ));
    }
    if f.has(Pattern::NoSignUp) || f.has(Pattern::DeductionAgreement) {
        leads.push(c.t(
            "未经消费者明确同意即开通代扣 / 免密扣款（《消费者权益保护法》第九条、第十条）；",
            "setting up deductions without the consumer's clear consent (Consumer Rights Protection Law Arts. 9 and 10);",
        ));
    }
    if leads.is_empty() {
        leads.push(c.t(
            "上述扣款中可能存在的其他违法行为。",
            "any other violation behind these charges.",
        ));
    }
    Section {
        heading: String::new(),
        lead: vec![c
            .t(
                "请依法核查被投诉方是否存在以下行为并依法处理（本部分为举报，请与上述投诉请求分别处理）：",
                "Please look into whether the merchant did the following and act on it (this is a report, to be handled apart from the complaint above):",
            )
            .to_string()],
        table: false,
        paragraphs: list(leads.into_iter().map(str::to_string).collect()),
    }
}

fn reply(c: &Ctx<'_, '_>) -> Section {
    let due = c.d(c.deadline);
    let next = c.escalation();
    let n = match c.window {
        Window::Days(n) | Window::BusinessDays(n) => n,
    };
    let basis_zh = match c.channel {
        Channel::Merchant if c.f.primary() == Pattern::Insurance => {
            "参照《银行业保险业消费投诉处理管理办法》关于 15 日内作出处理决定的要求".to_string()
        }
        Channel::Bank | Channel::Regulator12378 => {
            "《银行业保险业消费投诉处理管理办法》要求银行保险机构在 15 日内作出处理决定".to_string()
        }
        Channel::HuabeiNegotiation => {
            "参照《银行业保险业消费投诉处理管理办法》规定的 15 日处理时限".to_string()
        }
        Channel::BankDisputeUs => "15 U.S.C. 1693f：10 个工作日".to_string(),
        Channel::BankDisputeUk => "PSRs 2017 reg. 76：下一个营业日结束前".to_string(),
        Channel::BankDisputeEu => "PSD2 第 101 条：15 个营业日".to_string(),
        _ => format!("自本函发出之日起 {n} 日"),
    };
    let basis_en = match c.channel {
        Channel::Merchant if c.f.primary() == Pattern::Insurance => {
            "in line with the 15-day decision period of the CBIRC complaint-handling measures"
                .to_string()
        }
        Channel::Bank | Channel::Regulator12378 => {
            "the CBIRC complaint-handling measures give banks and insurers 15 days to decide"
                .to_string()
        }
        Channel::HuabeiNegotiation => {
            "in line with the 15-day period of the CBIRC complaint-handling measures".to_string()
        }
        Channel::BankDisputeUs => "10 business days, 15 U.S.C. 1693f".to_string(),
        Channel::BankDisputeUk => "the end of the next business day, regulation 76".to_string(),
        Channel::BankDisputeEu => "15 business days, PSD2 Art. 101".to_string(),
        _ => format!("{n} days from the date of this letter"),
    };
    let text = if c.channel == Channel::Regulator12315 {
        if c.zh() {
            format!("依《消费者权益保护法》第四十六条，请自收到本投诉之日起七个工作日内予以处理并告知本人（按工作日推算约为{due}，遇法定节假日顺延）。如调解不成，本人将{next}。")
        } else {
            format!("Under Art. 46 of the Consumer Rights Protection Law, please handle this complaint and inform me within seven working days of receiving it (about {due}, later if public holidays intervene). If mediation fails, I will {next}.")
        }
    } else if c.zh() {
        format!("请于{due}前书面答复本人（{basis_zh}）。逾期未获答复或处理结果不合理的，本人将{next}，并保留通过诉讼等途径维护自身权益的权利。")
    } else {
        format!("Please reply in writing by {due} ({basis_en}). If I have no reply by then, or the answer does not resolve this, I will {next}, and I reserve all my other rights.")
    };
    Section {
        heading: String::new(),
        lead: vec![text],
        table: false,
        paragraphs: Vec::new(),
    }
}

fn rules_section(c: &Ctx<'_, '_>, rules: &[RuleCitation]) -> Section {
    if rules.is_empty() {
        return Section {
            heading: String::new(),
            lead: vec![c
                .t(
                    "本函未引用具体条文；本人依据所在地消费者保护法律主张权利。",
                    "This letter cites no specific provision; I rely on the consumer protection law that applies to my contract.",
                )
                .to_string()],
            table: false,
            paragraphs: Vec::new(),
        };
    }
    let items = rules
        .iter()
        .map(|r| {
            let tag = r.tag.label(c.lang);
            match (&r.article, c.lang) {
                (Some(a), Lang::Zh) => {
                    let sep = if r.name.ends_with('》') { "" } else { " " };
                    format!("{}{sep}{a}：{}（{tag}）", r.name, r.summary)
                }
                (None, Lang::Zh) => format!("{}：{}（{tag}）", r.name, r.summary),
                (Some(a), Lang::En) => format!("{}, {a}: {} ({tag})", r.name, r.summary),
                (None, Lang::En) => format!("{}: {} ({tag})", r.name, r.summary),
            }
        })
        .collect();
    Section {
        heading: String::new(),
        lead: vec![c
            .t(
                "本函依据以下规定（括号内为本文核对情况）：",
                "I rely on the following (in brackets: how each was checked):",
            )
            .to_string()],
        table: false,
        paragraphs: list(items),
    }
}

fn attachments(c: &Ctx<'_, '_>) -> Vec<String> {
    let files = c.f.files().join(c.t("、", ", "));
    let mut out = vec![if c.zh() {
        format!(
            "账单导出文件：{files}（导出日期：{}）",
            c.blank("导出日期", "export date")
        )
    } else {
        format!(
            "Statement export(s): {files} (exported on {})",
            c.blank("导出日期", "export date")
        )
    }];
    out.push(
        c.t(
            "上表所列交易的账单详情页截图",
            "Screenshots of each listed transaction's detail page",
        )
        .into(),
    );
    let p = c.f.primary();
    if !matches!(p, Pattern::Duplicate | Pattern::FailedButCharged) {
        out.push(c.t(
            "自动扣款 / 代扣协议详情页截图（关闭前）及关闭成功截图",
            "Screenshots of the deduction agreement or subscription page (before cancelling) and of the cancellation",
        ).into());
    }
    match p {
        Pattern::Insurance => out.push(c.t("扣费短信或通知、保单或投保页面截图（如有）", "Text messages or notices about the premiums, and any policy or sign-up page (if any)").into()),
        Pattern::LoanFee => out.push(c.t("借款到账记录、借款合同及收费页面截图（如有）", "The loan payment record, loan contract and fee page (if any)").into()),
        Pattern::FailedButCharged => out.push(c.t("银行卡扣款流水或银行短信", "The bank statement line or bank text message for the debit").into()),
        _ => {}
    }
    if c.channel.is_regulator() {
        out.push(
            c.t(
                "此前向机构投诉的记录及其答复",
                "My earlier complaint to the firm and its answer",
            )
            .into(),
        );
    }
    out.push(
        c.t(
            "与客服沟通的记录（工单号、聊天截图）",
            "Records of contact with customer service (ticket numbers, chat screenshots)",
        )
        .into(),
    );
    out.push(format!(
        "{}{}",
        c.t("其他：", "Other: "),
        c.blank(
            "短信、页面截图、合同等",
            "text messages, screenshots, contracts"
        )
    ));
    out
}

fn closing(c: &Ctx<'_, '_>) -> Section {
    let name = c
        .sender
        .name
        .as_deref()
        .map(clean)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| c.blank("姓名", "name"));
    let lead = match c.lang {
        Lang::Zh => vec![
            "特此函告。".to_string(),
            format!("投诉人：{name}"),
            format!("日期：{}", c.d(c.today)),
        ],
        Lang::En => vec![
            if c.style == DateStyle::American {
                "Sincerely,".to_string()
            } else {
                "Yours faithfully,".to_string()
            },
            name,
            c.d(c.today),
        ],
    };
    Section {
        heading: String::new(),
        lead,
        table: false,
        paragraphs: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_headings_and_counts() {
        assert_eq!(numbered(Lang::Zh, 3, "事实经过"), "三、事实经过");
        assert_eq!(numbered(Lang::Zh, 11, "附件"), "十一、附件");
        assert_eq!(numbered(Lang::En, 3, "What happened"), "3. What happened");
        assert_eq!(payments_en(1), "1 payment");
        assert_eq!(payments_en(0), "0 payments");
        assert_eq!(list(vec!["a".into(), "b".into()]), ["1. a", "2. b"]);
    }
}
