//! The rules letters rely on, each with how well it was checked and where it comes from
//! (research/letters.md §2 and its source list). Only rules checked against the statute text
//! ([V]) or found in two independent sources ([V2]) carry an article number; a rule from one
//! source that agrees with background knowledge ([S+M]) carries its number with a "to verify"
//! marker; anything weaker is cited by the instrument's name and the rule in plain words.
//!
//! Every entry's `source` says where the text was read. Wording of the summaries is our own.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::channel::Channel;
use super::facts::{Finding, Pattern};
use super::text::tr;
use crate::lang::Lang;

/// How well a rule was checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// [V] Checked against the statute's own text.
    Verified,
    /// [V2] Two or more independent secondary sources agree; the official text was not seen.
    TwoSources,
    /// [S+M] One secondary source, agreeing with background knowledge: number to verify.
    OneSource,
    /// [S]/[M]/unverified: cited by name and content only.
    Unverified,
}

impl Tag {
    /// The tag as printed next to a citation.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Tag::Verified => tr(lang, "已核对法规原文", "checked against the official text"),
            Tag::TwoSources => tr(
                lang,
                "据两个以上独立来源，未见官方原文",
                "two independent sources; official text not seen",
            ),
            Tag::OneSource => tr(
                lang,
                "单一来源，条文号待核实",
                "one source; article number to verify",
            ),
            Tag::Unverified => tr(
                lang,
                "未核实，仅引述名称与要点",
                "unverified; cited by name only",
            ),
        }
    }
}

/// A rule a letter relies on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCitation {
    /// The instrument (`《中华人民共和国电子商务法》`, `Electronic Fund Transfer Act`).
    pub name: String,
    /// The article or section, when it may be printed (`第五十七条`, `15 U.S.C. 1693f`).
    pub article: Option<String>,
    /// What it says, in plain words (our own).
    pub summary: String,
    /// Where the text was read.
    pub source: String,
    /// How well it was checked.
    pub tag: Tag,
}

/// One rule in the catalogue.
struct Rule {
    id: &'static str,
    name: (&'static str, &'static str),
    article: Option<(&'static str, &'static str)>,
    summary: (&'static str, &'static str),
    source: &'static str,
    tag: Tag,
    /// The date it took effect, when that is recent enough to matter: cited only if a
    /// disputed charge falls on or after it.
    in_force: Option<(i32, u32, u32)>,
}

const LRB: &str =
    "LawRefBook/Laws snapshot 2f4c5c2 (2025-04-19), verbatim text; official: flk.npc.gov.cn";
const CPL: (&str, &str) = (
    "《中华人民共和国消费者权益保护法》",
    "PRC Consumer Rights Protection Law",
);
const ECL: (&str, &str) = ("《中华人民共和国电子商务法》", "PRC E-Commerce Law");
const CIVIL: (&str, &str) = ("《中华人民共和国民法典》", "PRC Civil Code");
const PIPL: (&str, &str) = (
    "《中华人民共和国个人信息保护法》",
    "PRC Personal Information Protection Law",
);
const NBPI: (&str, &str) = (
    "《非银行支付机构监督管理条例》",
    "Regulations on the Supervision of Non-Bank Payment Institutions",
);
const INS: (&str, &str) = ("《中华人民共和国保险法》", "PRC Insurance Law");
const PSRS: (&str, &str) = (
    "Payment Services Regulations 2017 (SI 2017/752)",
    "Payment Services Regulations 2017 (SI 2017/752)",
);
const PSD2: (&str, &str) = (
    "欧盟《支付服务指令》PSD2（Directive (EU) 2015/2366）",
    "Payment Services Directive, PSD2 (Directive (EU) 2015/2366)",
);
const UKLEG: &str = "legislation.gov.uk, SI 2017/752 (regulation text)";
const USCODE: &str = "US Code, title 15 (codexstanford US Code text)";

/// The catalogue (research/letters.md §2).
const RULES: &[Rule] = &[
    // --- China: consumer law (消保法, 2013 amendment) [V: LRB]
    Rule { id: "cpl8", name: CPL, article: Some(("第八条", "Art. 8")), summary: ("消费者有权知悉服务的真实情况，包括价格和费用。", "A consumer has the right to know the true facts of a service, including its price and fees."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "cpl9", name: CPL, article: Some(("第九条", "Art. 9")), summary: ("消费者有权自主决定是否接受任何一项服务。", "A consumer decides freely whether to accept any service."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "cpl10", name: CPL, article: Some(("第十条", "Art. 10")), summary: ("消费者享有公平交易权，有权拒绝经营者的强制交易。", "A consumer has the right to fair dealing and may refuse transactions forced on them."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "cpl26", name: CPL, article: Some(("第二十六条", "Art. 26")), summary: ("经营者须以显著方式提请消费者注意价格、费用、期限等内容；利用格式条款并借助技术手段强制交易的，其内容无效。", "The trader must prominently point out price, fees and duration; standard terms used with technical means to force a transaction are void."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "cpl28", name: CPL, article: Some(("第二十八条", "Art. 28")), summary: ("网络经营者及提供保险、银行等金融服务的经营者，应当提供经营地址、联系方式、费用、期限、风险等信息。", "Online traders and insurance and banking providers must give their address, contact details, fees, duration and risks."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "cpl46", name: CPL, article: Some(("第四十六条", "Art. 46")), summary: ("有关行政部门应当自收到消费者投诉之日起七个工作日内予以处理并告知消费者。", "The administrative department must handle a consumer complaint and inform the consumer within seven working days of receiving it."), source: LRB, tag: Tag::Verified, in_force: None },
    // 消保法实施条例 (国务院令第778号, in force 2024-07-01) Art. 10 para. 2 [V2: two independent rule sets]
    Rule { id: "cpli10", name: ("《中华人民共和国消费者权益保护法实施条例》", "Implementing Regulations of the Consumer Rights Protection Law"), article: Some(("第十条第二款", "Art. 10(2)")), summary: ("采用自动展期、自动续费方式提供服务的，应当在消费者接受服务前和自动展期、自动续费等日期前，以显著方式提请消费者注意。", "A trader that renews automatically must draw the consumer's attention to it prominently before the service starts and before each renewal date."), source: "gov.cn content_6940159 (metadata); article text per two independent contract-review rule sets", tag: Tag::TwoSources, in_force: Some((2024, 7, 1)) },
    // --- E-commerce law [V: LRB]
    Rule { id: "ecl17", name: ECL, article: Some(("第十七条", "Art. 17")), summary: ("电子商务经营者应当全面、真实、准确、及时地披露商品或服务信息，不得虚假或引人误解地宣传。", "E-commerce operators must disclose full, true, accurate and timely information and must not mislead."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "ecl19", name: ECL, article: Some(("第十九条", "Art. 19")), summary: ("搭售商品或服务应当以显著方式提请注意，不得将其作为默认同意的选项。", "Tied-in goods or services must be prominently flagged and may not be a default-agreed option."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "ecl55", name: ECL, article: Some(("第五十五条", "Art. 55")), summary: ("支付指令发生错误的，电子支付服务提供者应当及时查找原因并纠正；造成损失的应当承担赔偿责任，但能够证明错误不是其原因造成的除外。", "When a payment instruction goes wrong, the payment provider must find the cause and correct it, and is liable for the loss unless it proves the error was not its fault."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "ecl57", name: ECL, article: Some(("第五十七条", "Art. 57")), summary: ("未经授权的支付造成的损失，由电子支付服务提供者承担，能够证明系用户过错造成的除外；接到通知后应当立即采取措施防止损失扩大。", "Losses from unauthorised payments are borne by the payment provider unless it proves the user was at fault; once notified it must act at once to stop further loss."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "ecl62", name: ECL, article: Some(("第六十二条", "Art. 62")), summary: ("发生争议时，电子商务经营者应当提供原始合同和交易记录。", "In a dispute the e-commerce operator must provide the original contract and transaction records."), source: LRB, tag: Tag::Verified, in_force: None },
    // 网络交易监督管理办法 (SAMR order No. 37, amended No. 101) Art. 18 [S+M: SAMR page as quoted]
    Rule { id: "ntsa18", name: ("《网络交易监督管理办法》", "Measures for the Supervision of Online Transactions"), article: Some(("第十八条（条文号待核实）", "Art. 18 (number to verify)")), summary: ("采取自动续费等方式提供服务的，应当在续费日期前以显著方式提请消费者注意，由消费者自主选择，并在服务期间提供显著、简便的随时取消或变更的选项。", "Auto-renewing services must prominently remind the consumer before the renewal date, let them choose, and offer a prominent, simple way to cancel or change at any time."), source: "SAMR order No. 37 as amended by No. 101, SAMR page quoted in a public verification log (2026); article number not re-read", tag: Tag::OneSource, in_force: None },
    // 互联网平台价格行为规则 (in force 2026-04-10) [V2 content; article number S]
    Rule { id: "price", name: ("《互联网平台价格行为规则》", "Rules on Price Conduct of Internet Platforms"), article: None, summary: ("自 2026 年 4 月 10 日起，以自动续期、自动扣款方式收费的平台及平台内经营者，须在每次扣款前以显著方式告知扣款时间、金额和取消方式，允许消费者随时取消；调整收费标准的应一并告知。", "From 10 April 2026, platforms and their merchants that charge by automatic renewal must, before every deduction, tell the consumer prominently the time, the amount and how to cancel, let them cancel at any time, and announce any fee change with it."), source: "NDRC press Q&A 2025-12-20; People's Daily and Sina Finance reports 2025-12-20", tag: Tag::TwoSources, in_force: Some((2026, 4, 10)) },
    // 网络交易平台规则监督管理办法 (order No. 116, in force 2026-02-01) [S content]
    Rule { id: "platrules", name: ("《网络交易平台规则监督管理办法》", "Measures for the Supervision of Online Platform Rules"), article: None, summary: ("会员规则变更时应在续费前充分告知权益变化；会员权益有效期内不得以单方修改规则的方式加收费用或减少权益。", "When membership rules change the platform must explain the change before renewal, and may not charge more or cut benefits by changing rules during a paid term."), source: "SAMR press conference 2026-01-07 as reported (one source)", tag: Tag::Unverified, in_force: Some((2026, 2, 1)) },
    // --- Civil Code [V: LRB]
    Rule { id: "cc140", name: CIVIL, article: Some(("第一百四十条", "Art. 140")), summary: ("沉默只有在有法律规定、当事人约定或者符合当事人之间的交易习惯时，才可以视为意思表示。", "Silence counts as consent only where the law, an agreement or prior dealings say so."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "cc471", name: CIVIL, article: Some(("第四百七十一条、第四百八十三条", "Arts. 471 and 483")), summary: ("合同经要约、承诺订立，承诺生效时成立。", "A contract is formed by offer and acceptance, when the acceptance takes effect."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "cc496", name: CIVIL, article: Some(("第四百九十六条", "Art. 496")), summary: ("提供格式条款的一方应当提示并说明与对方有重大利害关系的条款；未履行的，对方可以主张该条款不成为合同内容。", "The party using standard terms must point out and explain terms of major interest; if not, the other party may claim they are not part of the contract."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "cc497", name: CIVIL, article: Some(("第四百九十七条", "Art. 497")), summary: ("不合理地免除或者减轻己方责任、加重对方责任、限制对方主要权利的格式条款无效。", "Standard terms that unreasonably exclude the drafter's liability, add to the other side's, or restrict its main rights are void."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "cc985", name: CIVIL, article: Some(("第九百八十五条、第九百八十七条", "Arts. 985 and 987")), summary: ("没有法律根据取得不当利益的，应当返还；明知或应知没有法律根据的，还应赔偿损失。", "Whoever gains a benefit without legal basis must return it, and must also pay damages if they knew or should have known."), source: LRB, tag: Tag::Verified, in_force: None },
    // --- Personal information [V: LRB]
    Rule { id: "pipl45", name: PIPL, article: Some(("第四十五条", "Art. 45")), summary: ("个人有权查阅、复制其个人信息，个人信息处理者应当及时提供。", "A person may consult and copy their personal information, and the handler must provide it promptly."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "pipl29", name: PIPL, article: Some(("第二十八条、第二十九条", "Arts. 28 and 29")), summary: ("金融账户信息属于敏感个人信息，处理须取得个人的单独同意。", "Financial account information is sensitive and may be processed only with the person's separate consent."), source: LRB, tag: Tag::Verified, in_force: None },
    // --- Payment institutions (State Council regulations, in force 2024-05-01) [V: LRB]
    Rule { id: "nbpi25", name: NBPI, article: Some(("第二十五条", "Art. 25")), summary: ("支付指令应当完整、一致、可跟踪稽核且不可篡改。", "Payment instructions must be complete, consistent, traceable, auditable and tamper-proof."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "nbpi27", name: NBPI, article: Some(("第二十七条", "Art. 27")), summary: ("非银行支付机构只能根据用户发起的支付指令转移资金。", "A payment institution may move funds only on payment instructions the user initiated."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "nbpi35", name: NBPI, article: Some(("第三十五条", "Art. 35")), summary: ("非银行支付机构应当妥善处理用户争议，履行投诉处理主体责任。", "A payment institution must handle user disputes and is responsible for handling complaints."), source: LRB, tag: Tag::Verified, in_force: None },
    // 最高人民法院关于审理银行卡民事纠纷案件若干问题的规定 (in force 2021-05-25) [V: LRB]
    Rule { id: "card4", name: ("《最高人民法院关于审理银行卡民事纠纷案件若干问题的规定》", "Supreme People's Court Provisions on Bank Card Civil Disputes"), article: Some(("第四条第二款", "Art. 4(2)")), summary: ("发卡行或非银行支付机构主张争议交易为持卡人本人交易或授权交易的，应当承担举证责任。", "An issuer or payment institution that claims a disputed transaction was made or authorised by the cardholder bears the burden of proving it."), source: LRB, tag: Tag::Verified, in_force: None },
    // 银行业保险业消费投诉处理管理办法 (CBIRC order 2020 No. 3) [V2: Caixin, Xinhua 2020-01-17]
    Rule { id: "cbirc3", name: ("《银行业保险业消费投诉处理管理办法》", "CBIRC Measures on Handling Banking and Insurance Consumer Complaints"), article: None, summary: ("银行保险机构应当自收到投诉之日起 15 日内作出处理决定并告知投诉人，情况复杂的可延长至 30 日，特殊情况再延长不超过 30 日；不得要求投诉人提供机构已掌握的材料。", "Banks and insurers must decide on a complaint within 15 days of receiving it (30 if complex, at most 30 more in special cases) and may not ask for material they already hold."), source: "gov.cn gazette content_5512564; Caixin and Xinhua 2020-01-17; jianbiaoku text mirror", tag: Tag::TwoSources, in_force: None },
    // 非银行支付机构网络支付业务管理办法 (PBoC 2015 No. 43) Art. 10 [S: one Q&A site]
    Rule { id: "pboc43", name: ("《非银行支付机构网络支付业务管理办法》", "PBoC Measures on Online Payment Services of Non-Bank Payment Institutions"), article: None, summary: ("支付机构从客户银行账户扣款，须事先取得客户和银行双方的授权，银行应与客户直接签约并设定限额。", "To debit a customer's bank account, a payment institution needs prior authorisation from both the customer and the bank, which signs directly with the customer and sets limits."), source: "64365.com Q&A quoting the text (2020-10-19), one source", tag: Tag::Unverified, in_force: None },
    // 中国人民银行金融消费者权益保护实施办法 (PBoC order 2020 No. 5) [S: dates only]
    Rule { id: "pboc5", name: ("《中国人民银行金融消费者权益保护实施办法》", "PBoC Implementing Measures for Financial Consumer Protection"), article: None, summary: ("适用于银行和非银行支付机构，规定金融消费者投诉的受理与处理。", "Applies to banks and payment institutions and sets out how financial consumers' complaints are taken and handled."), source: "PBoC order 2020 No. 5, dates from two indexes; text not read", tag: Tag::Unverified, in_force: None },
    // --- Insurance law (2015 amendment) [V: LRB]
    Rule { id: "ins13", name: INS, article: Some(("第十三条", "Art. 13")), summary: ("投保人提出保险要求，经保险人同意承保，保险合同成立。", "An insurance contract is formed when the policyholder asks for cover and the insurer accepts."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "ins15", name: INS, article: Some(("第十五条", "Art. 15")), summary: ("保险合同成立后，投保人可以解除合同。", "After the contract is formed, the policyholder may terminate it."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "ins17", name: INS, article: Some(("第十七条", "Art. 17")), summary: ("保险人应当说明格式条款内容；免责条款未作提示和明确说明的，不产生效力。", "The insurer must explain its standard terms; exclusions not pointed out and explained have no effect."), source: LRB, tag: Tag::Verified, in_force: None },
    Rule { id: "ins131", name: INS, article: Some(("第一百三十一条", "Art. 131")), summary: ("保险代理人、保险经纪人不得欺骗投保人，不得隐瞒重要情况，不得强迫、引诱或限制投保人订立保险合同。", "Insurance agents and brokers may not deceive, hide material facts, or force, induce or restrict anyone into a policy."), source: LRB, tag: Tag::Verified, in_force: None },
    // 金规〔2025〕9号 (in force 2025-10-01) [V2 content]
    Rule { id: "jg9", name: ("《国家金融监督管理总局关于加强商业银行互联网助贷业务管理提升金融服务质效的通知》（金规〔2025〕9号）", "NFRA Notice on Internet Loan-Facilitation Business of Commercial Banks (Jin Gui [2025] No. 9)"), article: None, summary: ("自 2025 年 10 月 1 日起，增信服务等费用计入借款人的综合融资成本，不得以咨询费等名目变相加价，须充分披露贷款关键信息。", "From 1 October 2025, credit-enhancement fees count in the borrower's total financing cost, disguised fees such as \"consulting fees\" are not allowed, and key loan terms must be disclosed."), source: "zjblf.com, 10000link.com (2025-04-09), ffgchina.com", tag: Tag::TwoSources, in_force: Some((2025, 10, 1)) },
    // --- United States [V: US Code]
    Rule { id: "us1693e", name: ("Electronic Fund Transfer Act", "Electronic Fund Transfer Act"), article: Some(("15 U.S.C. 1693e", "15 U.S.C. 1693e")), summary: ("预先授权的定期转账须经消费者书面授权；消费者可在预定转账前至少 3 个工作日通知银行止付。", "Preauthorized transfers need the consumer's written authorization; the consumer may stop payment by notifying the bank up to three business days before the scheduled transfer."), source: USCODE, tag: Tag::Verified, in_force: None },
    Rule { id: "us1693f", name: ("Electronic Fund Transfer Act", "Electronic Fund Transfer Act"), article: Some(("15 U.S.C. 1693f", "15 U.S.C. 1693f")), summary: ("消费者在对账单寄出后 60 日内通知错误的，银行须在 10 个工作日内调查并答复，或先行临时入账并在 45 日内完成调查；未经授权的转账属于“错误”。", "If the consumer gives notice within 60 days of the statement, the bank must investigate and report within 10 business days, or provisionally recredit and finish within 45 days; an unauthorized transfer is an error."), source: USCODE, tag: Tag::Verified, in_force: None },
    Rule { id: "us1693g", name: ("Electronic Fund Transfer Act", "Electronic Fund Transfer Act"), article: Some(("15 U.S.C. 1693g", "15 U.S.C. 1693g")), summary: ("消费者对未经授权转账的责任有上限；转账是否经授权，由金融机构承担举证责任。", "The consumer's liability for unauthorized transfers is capped, and the institution bears the burden of proving a transfer was authorized."), source: USCODE, tag: Tag::Verified, in_force: None },
    Rule { id: "us1666", name: ("Fair Credit Billing Act", "Fair Credit Billing Act"), article: Some(("15 U.S.C. 1666", "15 U.S.C. 1666")), summary: ("信用卡账单错误须在账单寄出后 60 日内书面通知；发卡机构须在 30 日内确认收到，并在两个账单周期（最长 90 日）内解决。", "A credit-card billing error must be notified in writing within 60 days of the statement; the issuer must acknowledge it within 30 days and resolve it within two billing cycles (at most 90 days)."), source: USCODE, tag: Tag::Verified, in_force: None },
    Rule { id: "us8403", name: ("Restore Online Shoppers' Confidence Act", "Restore Online Shoppers' Confidence Act"), article: Some(("15 U.S.C. 8403", "15 U.S.C. 8403")), summary: ("在线以“消极选项”方式销售的，须在收取账单信息前清楚披露全部重要条款，扣费前取得消费者明确知情的同意，并提供简便的停止定期扣费方式。", "Online negative-option sales need clear disclosure of all material terms before billing details are taken, the consumer's express informed consent before charging, and a simple way to stop recurring charges."), source: USCODE, tag: Tag::Verified, in_force: None },
    Rule { id: "cards", name: ("Visa and Mastercard dispute rules", "Visa and Mastercard dispute rules"), article: Some(("Visa 13.2 / 12.6.1 / 10.4; Mastercard 4841 / 4837 / 4834", "Visa 13.2 / 12.6.1 / 10.4; Mastercard 4841 / 4837 / 4834")), summary: ("卡组织争议原因代码：已取消的定期交易（Visa 13.2、Mastercard 4841）、重复处理（Visa 12.6.1、Mastercard 4834）、无持卡人授权（Visa 10.4、Mastercard 4837）。", "Card-scheme dispute reason codes: cancelled recurring transaction (Visa 13.2, Mastercard 4841), duplicate processing (Visa 12.6.1, Mastercard 4834), no cardholder authorization (Visa 10.4, Mastercard 4837)."), source: "Stripe dispute categories; Braintree chargeback reason codes (2025-09-22)", tag: Tag::TwoSources, in_force: None },
    // --- United Kingdom [V: legislation.gov.uk]
    Rule { id: "uk67", name: PSRS, article: Some(("reg. 67(3)–(4)", "reg. 67(3)–(4)")), summary: ("付款人可撤回对一系列付款的同意；撤回后，该系列的后续付款即属未经授权。", "The payer may withdraw consent to a series of payments; later payments in the series are then unauthorised."), source: UKLEG, tag: Tag::Verified, in_force: None },
    Rule { id: "uk74", name: PSRS, article: Some(("reg. 74", "reg. 74")), summary: ("付款人应在知悉未经授权的交易后及时通知，最迟不超过扣款日起 13 个月。", "The payer must report an unauthorised transaction without undue delay and no later than 13 months after the debit date."), source: "legislation.gov.uk (regulation title); 13-month figure from two sources", tag: Tag::TwoSources, in_force: None },
    Rule { id: "uk76", name: PSRS, article: Some(("reg. 76", "reg. 76")), summary: ("支付服务提供者须尽快、最迟在知悉后的下一个营业日结束前退还未经授权的交易款项。", "The payment service provider must refund an unauthorised transaction as soon as practicable and at the latest by the end of the business day after it becomes aware of it."), source: UKLEG, tag: Tag::Verified, in_force: None },
    Rule { id: "uk79", name: PSRS, article: Some(("regs. 79–80", "regs. 79–80")), summary: ("由收款人发起、授权时未确定金额的付款（如直接借记），付款人可在 8 周内要求退款，支付服务提供者须在 10 个营业日内退款或说明拒绝理由。", "For payee-initiated payments authorised without an exact amount (such as direct debits), the payer may ask for a refund within 8 weeks, and the provider must refund or explain a refusal within 10 business days."), source: "legislation.gov.uk (regulation titles); figures from two sources", tag: Tag::TwoSources, in_force: None },
    Rule { id: "ukddg", name: ("Direct Debit Guarantee", "Direct Debit Guarantee"), article: None, summary: ("直接借记出错时，银行须立即全额退款；可随时联系银行取消直接借记。", "If an error is made in a Direct Debit, the bank refunds it in full at once; a Direct Debit can be cancelled at any time by contacting the bank."), source: "directdebit.co.uk, via Adyen and Mollie documentation", tag: Tag::TwoSources, in_force: None },
    // --- European Union (PSD2): article numbers [M] except 77 and 101 [V2 via French CMF]
    Rule { id: "eu_unauth", name: PSD2, article: None, summary: ("撤回对一系列付款的同意后，后续付款即属未经授权；付款人应在扣款后 13 个月内通知；未经授权的交易应立即、最迟在下一个营业日结束前退还。", "After consent to a series is withdrawn, later payments are unauthorised; the payer must give notice within 13 months of the debit; unauthorised transactions are refunded immediately, at the latest by the end of the next business day."), source: "PSD2 content as transposed in French CMF L133-18 (article numbers not verified)", tag: Tag::Unverified, in_force: None },
    Rule { id: "eu77", name: PSD2, article: Some(("第七十七条", "Art. 77")), summary: ("由收款人发起的付款，付款人可在扣款后 8 周内要求退款；支付服务提供者须在 10 个营业日内退款或说明拒绝理由并告知可求助的争议解决机构。", "For payee-initiated payments the payer may ask for a refund within 8 weeks of the debit; the provider must refund within 10 business days or justify a refusal and name the dispute bodies available."), source: "PSD2 via French CMF L133-25", tag: Tag::TwoSources, in_force: None },
    Rule { id: "eu101", name: PSD2, article: Some(("第一百零一条", "Art. 101")), summary: ("支付服务提供者须在 15 个营业日内答复投诉，特殊情况最长 35 个营业日。", "The provider must answer a complaint within 15 business days, in exceptional cases within 35."), source: "PSD2 via French CMF L133-45", tag: Tag::TwoSources, in_force: None },
];

/// The ids of the rules a letter to `channel` about `finding` relies on, in the order printed.
fn chosen(channel: Channel, finding: &Finding<'_>) -> Vec<&'static str> {
    let p = finding.primary();
    let mut ids: Vec<&'static str> = Vec::new();
    let membership = p.is_membership();
    match channel {
        Channel::Merchant | Channel::Regulator12315 => {
            match p {
                Pattern::Insurance => {
                    ids.extend(["ins13", "ins17", "ins131", "ins15", "cc985", "cbirc3"])
                }
                Pattern::LoanFee => {
                    ids.extend(["cc471", "cc140", "ecl19", "jg9", "cc985", "pipl45"])
                }
                Pattern::Duplicate | Pattern::FailedButCharged => ids.push("cc985"),
                Pattern::ExpectedBill => ids.extend(["cpl8", "cc985"]),
                Pattern::TrialToPaid => {
                    ids.extend(["cpl8", "ecl17", "cpli10", "ntsa18", "price", "cc985"])
                }
                Pattern::PriceIncrease => {
                    ids.extend(["cpl8", "platrules", "price", "cpli10", "cc496", "cc985"])
                }
                Pattern::NoSignUp | Pattern::DeductionAgreement | Pattern::Recurring => {
                    ids.extend(["cpl9", "cpl10", "cc140", "cc985", "ecl62", "pipl45"])
                }
                _ => ids.extend(["cpli10", "ntsa18", "price", "cpl26", "cc140", "cc985"]),
            }
            // A price rise inside a stream flagged for something else.
            if p != Pattern::PriceIncrease && finding.has(Pattern::PriceIncrease) {
                ids.push("platrules");
            }
            if channel == Channel::Regulator12315 {
                ids.push("cpl46");
            }
        }
        Channel::Alipay | Channel::WeChatPay => match p {
            Pattern::Duplicate | Pattern::FailedButCharged => {
                ids.extend(["ecl55", "nbpi25", "nbpi35", "cc985"])
            }
            _ => ids.extend(["nbpi27", "nbpi25", "ecl57", "card4", "nbpi35", "pipl45"]),
        },
        Channel::Bank => match p {
            Pattern::Duplicate | Pattern::FailedButCharged => ids.extend(["ecl55", "cbirc3"]),
            _ => ids.extend(["pboc43", "ecl57", "card4", "pipl29", "cbirc3"]),
        },
        Channel::Regulator12378 => {
            match p {
                Pattern::Insurance => ids.extend(["ins13", "ins17", "ins131", "cpl28"]),
                Pattern::LoanFee => ids.extend(["cc471", "ecl19", "jg9", "cpl26"]),
                _ => ids.extend(["card4", "ecl57"]),
            }
            ids.push("cbirc3");
        }
        Channel::PbocHotline12363 => match p {
            Pattern::Duplicate | Pattern::FailedButCharged => {
                ids.extend(["ecl55", "nbpi25", "nbpi35", "pboc5"])
            }
            _ => ids.extend(["nbpi27", "nbpi25", "ecl57", "card4", "nbpi35", "pboc5"]),
        },
        Channel::HuabeiNegotiation => ids.extend(["cpl8", "cpl26", "cc496", "cc497", "cbirc3"]),
        Channel::BankDisputeUs => {
            ids.extend(["us1693f", "us1693e", "us1693g", "us1666", "cards"]);
        }
        Channel::BankDisputeUk => {
            if matches!(p, Pattern::Duplicate | Pattern::FailedButCharged) {
                ids.extend(["uk76", "uk74"]);
            } else {
                ids.extend(["uk67", "uk76", "uk74", "uk79", "ukddg"]);
            }
        }
        Channel::BankDisputeEu => {
            ids.extend(["eu_unauth", "eu77", "eu101"]);
        }
        Channel::MerchantCancellation => {
            if finding.currency.code() == "USD" && (membership || p == Pattern::Insurance) {
                ids.push("us8403");
            }
        }
    }
    let mut seen = Vec::new();
    ids.retain(|id| {
        let new = !seen.contains(id);
        seen.push(*id);
        new
    });
    ids
}

/// The rules to print for a letter to `channel` about `finding`, in `lang`. Rules that took
/// effect after every disputed charge are left out.
pub fn rules_for(channel: Channel, finding: &Finding<'_>, lang: Lang) -> Vec<RuleCitation> {
    let last_charge = finding.span().map(|(_, last)| last);
    chosen(channel, finding)
        .into_iter()
        .filter_map(|id| {
            let rule = RULES.iter().find(|r| r.id == id);
            debug_assert!(rule.is_some(), "no rule {id}");
            rule
        })
        .filter(|r| match (r.in_force, last_charge) {
            (Some((y, m, d)), Some(last)) => {
                NaiveDate::from_ymd_opt(y, m, d).is_some_and(|start| last >= start)
            }
            _ => true,
        })
        .map(|r| RuleCitation {
            name: tr(lang, r.name.0, r.name.1).to_string(),
            article: r.article.map(|a| tr(lang, a.0, a.1).to_string()),
            summary: tr(lang, r.summary.0, r.summary.1).to_string(),
            source: r.source.to_string(),
            tag: r.tag,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_checked_rules_carry_plain_article_numbers() {
        for rule in RULES {
            match rule.tag {
                Tag::Verified | Tag::TwoSources => {}
                Tag::OneSource => {
                    let (zh, en) = rule.article.expect("a one-source rule is cited by number");
                    assert!(
                        zh.contains("待核实") && en.contains("to verify"),
                        "{}",
                        rule.id
                    );
                }
                Tag::Unverified => assert!(rule.article.is_none(), "{}", rule.id),
            }
            assert!(!rule.source.is_empty(), "{}", rule.id);
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), before);
    }
}
