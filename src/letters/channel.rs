//! Where a letter goes: the channels, which of them fit a finding and in what order, how long
//! each may take to answer, and how to send to it.
//!
//! Sources (research/letters.md §1, §2.2, §3): the escalation ladder is 消保法 Art. 39 [V] —
//! merchant and payment channel first, a regulator only after a written complaint and a deadline;
//! routing by the legal entity and its licence (§1.2); response times per channel (§1.1 table,
//! §3 "Deadline to ask"). Hotline numbers 95188 / 95017 / 12315 / 12378 / 12363 are from §1.1.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::facts::{Finding, Pattern};
use super::text::{blank, tr};
use crate::lang::Lang;

/// A place a letter can be sent to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The merchant or service that took the money (its customer service).
    Merchant,
    /// Alipay customer service (95188): the deduction agreement and the payments it made.
    Alipay,
    /// WeChat Pay / Tenpay customer service (95017).
    WeChatPay,
    /// The bank or card issuer.
    Bank,
    /// 12315, the market regulator's consumer complaint platform.
    Regulator12315,
    /// 12378, the banking and insurance regulator's consumer hotline (NFRA).
    Regulator12378,
    /// 12363, the People's Bank of China financial-consumer hotline (payment institutions).
    PbocHotline12363,
    /// Huabei (花呗): dispute the charges paid with it and ask for a negotiated repayment plan.
    HuabeiNegotiation,
    /// A US bank: notice of error under the Electronic Fund Transfer Act / card dispute.
    BankDisputeUs,
    /// A UK bank: unauthorised payments under the Payment Services Regulations 2017.
    BankDisputeUk,
    /// An EU bank: unauthorised payments under PSD2.
    BankDisputeEu,
    /// An English letter to the merchant: cancel and refund.
    MerchantCancellation,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 12] = [
        Channel::Merchant,
        Channel::Alipay,
        Channel::WeChatPay,
        Channel::Bank,
        Channel::Regulator12315,
        Channel::Regulator12378,
        Channel::PbocHotline12363,
        Channel::HuabeiNegotiation,
        Channel::BankDisputeUs,
        Channel::BankDisputeUk,
        Channel::BankDisputeEu,
        Channel::MerchantCancellation,
    ];

    /// A stable identifier (file names, the UI).
    pub fn id(self) -> &'static str {
        match self {
            Channel::Merchant => "merchant",
            Channel::Alipay => "alipay",
            Channel::WeChatPay => "wechat_pay",
            Channel::Bank => "bank",
            Channel::Regulator12315 => "12315",
            Channel::Regulator12378 => "12378",
            Channel::PbocHotline12363 => "12363",
            Channel::HuabeiNegotiation => "huabei",
            Channel::BankDisputeUs => "bank_us",
            Channel::BankDisputeUk => "bank_uk",
            Channel::BankDisputeEu => "bank_eu",
            Channel::MerchantCancellation => "merchant_en",
        }
    }

    /// A short name to show.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Channel::Merchant => tr(lang, "商家客服", "The merchant"),
            Channel::Alipay => tr(lang, "支付宝客服（95188）", "Alipay (95188)"),
            Channel::WeChatPay => tr(lang, "微信支付客服（95017）", "WeChat Pay (95017)"),
            Channel::Bank => tr(lang, "发卡银行", "The bank"),
            Channel::Regulator12315 => tr(lang, "12315 市场监管投诉", "12315 market regulator"),
            Channel::Regulator12378 => tr(
                lang,
                "12378 金融监管总局（银行保险）",
                "12378 banking and insurance regulator",
            ),
            Channel::PbocHotline12363 => tr(
                lang,
                "12363 人民银行（支付机构）",
                "12363 People's Bank of China (payment institutions)",
            ),
            Channel::HuabeiNegotiation => tr(
                lang,
                "花呗争议与协商还款",
                "Huabei dispute and repayment plan",
            ),
            Channel::BankDisputeUs => tr(lang, "美国银行争议（EFTA）", "US bank dispute (EFTA)"),
            Channel::BankDisputeUk => tr(
                lang,
                "英国银行争议（PSRs 2017）",
                "UK bank dispute (PSRs 2017)",
            ),
            Channel::BankDisputeEu => tr(lang, "欧盟银行争议（PSD2）", "EU bank dispute (PSD2)"),
            Channel::MerchantCancellation => tr(
                lang,
                "致商家：取消订阅（英文）",
                "The merchant: cancel and refund",
            ),
        }
    }

    /// Whether the channel is outside mainland China (the letter is meant to go in English).
    pub fn is_abroad(self) -> bool {
        matches!(
            self,
            Channel::BankDisputeUs
                | Channel::BankDisputeUk
                | Channel::BankDisputeEu
                | Channel::MerchantCancellation
        )
    }

    /// Whether the channel is a regulator (complain to the firm first).
    pub fn is_regulator(self) -> bool {
        matches!(
            self,
            Channel::Regulator12315 | Channel::Regulator12378 | Channel::PbocHotline12363
        )
    }
}

/// How long a channel has to answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    /// Calendar days.
    Days(u32),
    /// Business days, Monday to Friday (public holidays are not known here and push it later).
    BusinessDays(u32),
}

impl Window {
    /// The date the window ends, counted from `today`.
    pub fn due(self, today: NaiveDate) -> NaiveDate {
        match self {
            Window::Days(n) => today + Duration::days(i64::from(n)),
            Window::BusinessDays(n) => {
                let mut date = today;
                let mut left = n;
                while left > 0 {
                    date += Duration::days(1);
                    if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                        left -= 1;
                    }
                }
                date
            }
        }
    }
}

/// The time a channel is given to answer, for this kind of problem (research/letters.md §1.1
/// and §3: merchants 7 days, our recommendation; insurers, banks and lenders 15 days under the
/// CBIRC 2020 No. 3 complaint rules [V2]; payment platforms 15 days, 7 for payment errors; 12315
/// 7 working days, 消保法 Art. 46 [V]; US 10 business days, 15 U.S.C. 1693f [V]; UK end of the
/// next business day, PSRs reg 76 [V]; EU 15 business days, PSD2 Art. 101 [V2]).
pub fn window(channel: Channel, primary: Pattern) -> Window {
    let payment_error = matches!(primary, Pattern::Duplicate | Pattern::FailedButCharged);
    match channel {
        Channel::Merchant if primary == Pattern::Insurance => Window::Days(15),
        Channel::Merchant | Channel::MerchantCancellation => Window::Days(7),
        Channel::Alipay | Channel::WeChatPay if payment_error => Window::Days(7),
        Channel::Alipay | Channel::WeChatPay => Window::Days(15),
        Channel::Bank
        | Channel::Regulator12378
        | Channel::PbocHotline12363
        | Channel::HuabeiNegotiation => Window::Days(15),
        Channel::Regulator12315 => Window::BusinessDays(7),
        Channel::BankDisputeUs => Window::BusinessDays(10),
        Channel::BankDisputeUk => Window::BusinessDays(1),
        Channel::BankDisputeEu => Window::BusinessDays(15),
    }
}

/// Currencies of the European Economic Area other than the euro (PSD2 applies to them too).
const EEA_CURRENCIES: &[&str] = &[
    "EUR", "BGN", "CZK", "DKK", "HUF", "PLN", "RON", "SEK", "ISK", "NOK", "CHF",
];

/// The channels that fit a finding, in the order to use them. Mainland channels for CNY, in
/// escalation order (merchant, payment platform, Huabei, bank, then the regulator for the
/// entity's licence); English letters for other currencies (the merchant, then the bank's
/// dispute rules of the currency's country; all three when the statement gives no currency).
pub fn route(finding: &Finding<'_>) -> Vec<Channel> {
    let primary = finding.primary();
    if primary == Pattern::Income || finding.rows.is_empty() {
        return Vec::new();
    }
    let rails = &finding.rails;
    let mut out = Vec::new();
    if finding.currency.code() != "CNY" {
        out.push(Channel::MerchantCancellation);
        if primary == Pattern::ExpectedBill {
            return out;
        }
        match finding.currency.code() {
            "USD" => out.push(Channel::BankDisputeUs),
            "GBP" => out.push(Channel::BankDisputeUk),
            "XXX" => out.extend([
                Channel::BankDisputeUs,
                Channel::BankDisputeUk,
                Channel::BankDisputeEu,
            ]),
            code if EEA_CURRENCIES.contains(&code) => out.push(Channel::BankDisputeEu),
            _ => {}
        }
        return out;
    }

    let platforms: Vec<Channel> = [
        (rails.alipay, Channel::Alipay),
        (rails.wechat, Channel::WeChatPay),
    ]
    .into_iter()
    .filter_map(|(on, c)| on.then_some(c))
    .collect();
    if primary == Pattern::FailedButCharged {
        out.extend(&platforms);
        out.push(Channel::Merchant);
    } else {
        out.push(Channel::Merchant);
        if primary == Pattern::ExpectedBill {
            return out;
        }
        out.extend(&platforms);
    }
    if rails.huabei {
        out.push(Channel::HuabeiNegotiation);
    }
    if rails.bank {
        out.push(Channel::Bank);
    }
    match primary {
        Pattern::Insurance => out.push(Channel::Regulator12378),
        Pattern::LoanFee => out.extend([Channel::Regulator12315, Channel::Regulator12378]),
        Pattern::Duplicate | Pattern::FailedButCharged => {
            if rails.platform() {
                out.push(Channel::PbocHotline12363);
            }
            if rails.bank {
                out.push(Channel::Regulator12378);
            }
        }
        _ => {
            out.push(Channel::Regulator12315);
            let unknown_agreement =
                finding.has(Pattern::DeductionAgreement) || finding.has(Pattern::NoSignUp);
            if unknown_agreement && rails.platform() {
                out.push(Channel::PbocHotline12363);
            }
        }
    }
    let mut seen = Vec::new();
    out.retain(|c| {
        let new = !seen.contains(c);
        seen.push(*c);
        new
    });
    out
}

/// Who the letter is addressed to.
pub fn recipient(channel: Channel, finding: &Finding<'_>, lang: Lang) -> String {
    let cp = if finding.counterparty.is_empty() {
        blank(lang, "商家名称", "merchant name")
    } else {
        finding.counterparty.clone()
    };
    let bank = || match (&finding.rails.bank_name, lang) {
        (Some(name), Lang::Zh) => name.clone(),
        (Some(name), Lang::En) => name.clone(),
        (None, _) => blank(lang, "发卡银行名称", "bank name"),
    };
    match channel {
        Channel::Merchant => match lang {
            Lang::Zh => format!("{cp}（客户服务 / 投诉处理部门）"),
            Lang::En => format!("{cp}, customer service / complaints"),
        },
        Channel::Alipay => tr(
            lang,
            "支付宝（中国）网络技术有限公司 客户服务中心（95188）",
            "Alipay.com Co., Ltd. (支付宝（中国）网络技术有限公司), customer service (95188)",
        )
        .to_string(),
        Channel::WeChatPay => tr(
            lang,
            "财付通支付科技有限公司（微信支付）客户服务中心（95017）",
            "Tenpay Payment Technology Co., Ltd. (财付通支付科技有限公司, WeChat Pay), customer service (95017)",
        )
        .to_string(),
        Channel::Bank => match lang {
            Lang::Zh => format!("{} 客户服务中心 / 消费者投诉受理部门", bank()),
            Lang::En => format!("{}, customer service / complaints department", bank()),
        },
        Channel::Regulator12315 => match lang {
            Lang::Zh => format!(
                "{}市场监督管理局（经全国12315平台 www.12315.cn 提交）",
                blank(lang, "被投诉方所在地", "place")
            ),
            Lang::En => format!(
                "Market Supervision and Administration Bureau of {} (filed through the national 12315 platform, www.12315.cn)",
                blank(lang, "被投诉方所在地", "the merchant's city")
            ),
        },
        Channel::Regulator12378 => match lang {
            Lang::Zh => format!(
                "国家金融监督管理总局{}监管局（12378 银行保险消费者投诉维权热线）",
                blank(lang, "所在地", "place")
            ),
            Lang::En => format!(
                "National Financial Regulatory Administration, {} office (12378 banking and insurance consumer hotline)",
                blank(lang, "所在地", "local")
            ),
        },
        Channel::PbocHotline12363 => match lang {
            Lang::Zh => format!(
                "中国人民银行{}分行 金融消费权益保护部门（12363）",
                blank(lang, "所在地", "place")
            ),
            Lang::En => format!(
                "People's Bank of China, {} branch, financial consumer protection (12363)",
                blank(lang, "所在地", "local")
            ),
        },
        Channel::HuabeiNegotiation => match lang {
            Lang::Zh => format!(
                "花呗客户服务（支付宝 95188）及花呗放贷机构（{}）",
                blank(lang, "以花呗合同所载为准", "as named in the Huabei contract")
            ),
            Lang::En => format!(
                "Huabei customer service (Alipay 95188) and the Huabei lender ({})",
                blank(lang, "以花呗合同所载为准", "as named in the Huabei contract")
            ),
        },
        Channel::BankDisputeUs | Channel::BankDisputeUk | Channel::BankDisputeEu => match lang {
            Lang::Zh => format!(
                "{}（争议交易 / 投诉部门）",
                blank(lang, "银行名称及地址", "bank name and address")
            ),
            Lang::En => format!(
                "{}, Disputes / Complaints Department",
                blank(lang, "银行名称及地址", "bank name and address")
            ),
        },
        Channel::MerchantCancellation => match lang {
            Lang::Zh => format!("{cp}（客户服务）"),
            Lang::En => format!("{cp}, Customer Services"),
        },
    }
}

/// How to send the letter and what to keep.
pub fn how_to_send(channel: Channel, lang: Lang) -> Vec<String> {
    let lines: &[(&str, &str)] = match channel {
        Channel::Merchant => &[
            ("在商家 App 或网站的“客服 / 投诉 / 意见反馈”入口提交全文，或发送至其客服邮箱；也可用挂号信或 EMS 寄至其注册地址（可在国家企业信用信息公示系统查询）。", "Submit the full text through the merchant's in-app or website complaint form or its service e-mail, or post it by registered mail to its registered address."),
            ("保留提交截图、邮件或邮寄凭证，记下工单号。", "Keep a screenshot, the e-mail or the postal receipt, and note the ticket number."),
        ],
        Channel::Alipay => &[
            ("拨打 95188（境外 +86 571 95188），或在支付宝 App：我的 → 我的客服 / 帮助中心 提交；可把本函正文粘贴到文字客服。", "Call 95188 (from abroad +86 571 95188), or in the Alipay app: Me → My customer service / Help centre; paste the text into the chat."),
            ("关闭协议前先截图协议详情页（签约时间、扣款周期、商户名称）。", "Before closing the agreement, screenshot its detail page (signing date, cycle, merchant)."),
            ("记下工单号和客服答复要点。", "Note the ticket number and what you were told."),
        ],
        Channel::WeChatPay => &[
            ("拨打 95017（或 0755-86013860），或通过“腾讯客服”公众号 / 小程序提交；针对单笔交易：我 → 服务 → 钱包 → 账单 → 选择交易 → 对订单有疑惑 → 投诉商户。", "Call 95017 (or 0755-86013860), or use the \"Tencent Customer Service\" official account / mini-program; for one transaction: Me → Services → Wallet → Bill → the transaction → Questions about this order → Complain about merchant."),
            ("记下投诉单号和答复要点。", "Note the complaint number and what you were told."),
        ],
        Channel::Bank => &[
            ("拨打发卡行客服电话、在手机银行的“投诉 / 意见反馈”入口提交，或到网点递交书面投诉。", "Call the bank's service line, use the complaint entry in its app, or hand in the letter at a branch."),
            ("银行不得要求您提供其已掌握的材料；请索要投诉编号。", "The bank may not ask for material it already holds; ask for a complaint number."),
        ],
        Channel::Regulator12315 => &[
            ("在全国12315平台（www.12315.cn）、12315 App / 小程序提交，或拨打 12315。“投诉”（要求退款）与“举报”（违法线索）分别填写。", "File on the national 12315 platform (www.12315.cn), its app or mini-program, or call 12315. Fill in the complaint (refund) and the report (violation) separately."),
            ("须填写您的姓名、电话、地址，以及被投诉方的名称和地址。", "Your name, phone and address, and the merchant's name and address, are required."),
            ("同一争议请勿同时向消费者协会投诉；选择其一。", "Do not complain about the same dispute to the consumers' association at the same time; choose one."),
        ],
        Channel::Regulator12378 => &[
            ("拨打 12378（工作日约 9:00–12:00、13:00–17:00），或通过国家金融监督管理总局网站 www.nfra.gov.cn 提交。", "Call 12378 (working days, roughly 9:00–12:00 and 13:00–17:00) or use the NFRA website www.nfra.gov.cn."),
            ("先向该机构投诉，并在此说明投诉日期、编号和答复。", "Complain to the institution first and give the date, number and answer here."),
        ],
        Channel::PbocHotline12363 => &[
            ("拨打 12363（各地人民银行分支机构受理，工作日）。", "Call 12363 (run by the local People's Bank branch, working days)."),
            ("原则上须先向支付机构投诉；支付机构拒绝、逾期未答复或答复不合理时再找 12363。", "Complain to the payment institution first; 12363 takes it when the institution refuses, does not answer in time or answers unreasonably."),
        ],
        Channel::HuabeiNegotiation => &[
            ("拨打 95188 转花呗服务，或在支付宝 App：我的 → 我的客服 中选择花呗问题提交。", "Call 95188 and choose Huabei, or in the Alipay app: Me → My customer service → Huabei."),
            ("核对花呗合同中的放贷机构名称；如协商未果，可向 12378 投诉。", "Check the lender's name in the Huabei contract; if this fails, complain to 12378."),
        ],
        Channel::BankDisputeUs => &[
            ("以书面形式发送（网上银行安全消息、银行的争议表格，或寄往对账单上列明的错误通知地址），并保留副本；电话告知也可能有效，但请随后书面确认。", "Send it in writing (secure message, the bank's dispute form, or a letter to the address for error notices on your statement) and keep a copy; a phone call may also count, but confirm it in writing."),
            ("如银行未能解决，可向美国消费者金融保护局（CFPB）投诉：consumerfinance.gov/complaint。", "If the bank does not resolve it, you can complain to the CFPB at consumerfinance.gov/complaint."),
        ],
        Channel::BankDisputeUk => &[
            ("通过银行的安全消息或投诉表格提交，或邮寄，并保留副本；如近期还有扣款，请同时致电银行。", "Send it through the bank's secure messaging or complaints form, or by post, and keep a copy; ring the bank as well if more payments are due soon."),
            ("如对银行的最终答复不满意，可将投诉提交英国金融申诉专员服务机构（Financial Ombudsman Service）。", "If you are not satisfied with the bank's final response, you can refer the complaint to the Financial Ombudsman Service."),
        ],
        Channel::BankDisputeEu => &[
            ("通过银行的投诉渠道或挂号信发送，并保留副本。", "Send it through the bank's complaints channel or by registered post and keep a copy."),
            ("如银行未能解决，可向银行告知的庭外争议解决机构申请；跨境纠纷可求助欧洲消费者中心。", "If the bank does not settle it, use the out-of-court complaint body it names (in cross-border cases the European Consumer Centres can help)."),
        ],
        Channel::MerchantCancellation => &[
            ("通过电子邮件或商家的联系表单发送并保留副本；同时在 App 或应用商店中取消订阅（见下文）。", "Send it by e-mail or the merchant's contact form and keep a copy; cancel in the app or store as well (see below)."),
        ],
    };
    let zh_abroad = "此函应以英文发送；中文稿仅供您理解内容。";
    let en_mainland = "Send the Chinese version; this English text is for your reference.";
    let mut out: Vec<String> = lines
        .iter()
        .map(|(zh, en)| tr(lang, zh, en).to_string())
        .collect();
    if channel.is_abroad() && lang == Lang::Zh {
        out.insert(0, zh_abroad.to_string());
    }
    if !channel.is_abroad() && lang == Lang::En {
        out.insert(0, en_mainland.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn counts_deadlines() {
        // 2026-12-04 is a Friday.
        for (window, today, due) in [
            (Window::Days(15), d(2026, 12, 4), d(2026, 12, 19)),
            (Window::Days(7), d(2026, 12, 28), d(2027, 1, 4)),
            (Window::BusinessDays(1), d(2026, 12, 4), d(2026, 12, 7)),
            (Window::BusinessDays(7), d(2026, 12, 4), d(2026, 12, 15)),
            (Window::BusinessDays(10), d(2026, 12, 5), d(2026, 12, 18)),
        ] {
            assert_eq!(window.due(today), due, "{window:?} from {today}");
        }
    }

    #[test]
    fn every_channel_has_an_id_and_a_window() {
        let mut ids: Vec<&str> = Channel::ALL.iter().map(|c| c.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Channel::ALL.len());
        assert_eq!(
            window(Channel::Merchant, Pattern::Insurance),
            Window::Days(15)
        );
        assert_eq!(window(Channel::Alipay, Pattern::Duplicate), Window::Days(7));
        assert_eq!(
            window(Channel::Regulator12315, Pattern::AutoRenewal),
            Window::BusinessDays(7)
        );
    }
}
