//! How to stop a recurring payment where it is set up: the Alipay and WeChat Pay agreement lists,
//! the bank's quick-payment contracts, Apple and Google Play subscriptions, and the bank's own
//! stop on payments abroad. Menu paths drift between app versions, so every guide says where the
//! path comes from and when it was checked (research/letters.md §5, written 2026-11).

use serde::{Deserialize, Serialize};

use super::facts::Finding;
use super::text::tr;
use crate::import::Format;
use crate::lang::Lang;

/// Where a recurring payment can be stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancelPath {
    /// Alipay: 免密支付/自动扣款 agreements.
    Alipay,
    /// WeChat Pay: 自动续费 / 扣费服务 and 免密支付.
    WeChatPay,
    /// A Chinese bank's quick-payment (快捷支付) and deduction contracts, and UnionPay's app.
    BankApp,
    /// Apple subscriptions (iPhone, iPad).
    Apple,
    /// Google Play subscriptions.
    GooglePlay,
    /// A bank abroad: stop the payment or withdraw the mandate at the bank.
    BankAbroad,
}

/// Steps to stop a recurring payment, with where they come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelGuide {
    /// Which path this is.
    pub path: CancelPath,
    /// A title such as `支付宝：关闭自动扣款`.
    pub title: String,
    /// The steps, in order.
    pub steps: Vec<String>,
    /// Where the path was read (sites and their dates).
    pub source: String,
    /// When the path was last checked (`YYYY-MM`).
    pub checked_on: String,
}

/// When the paths below were collected (research/letters.md, written 2026-11).
const CHECKED_ON: &str = "2026-11";

/// The steps to stop a recurring payment at `path`.
pub fn how_to_cancel(path: CancelPath, lang: Lang) -> CancelGuide {
    let (title, steps, source): (&str, Vec<&str>, &str) = match path {
        CancelPath::Alipay => (
            tr(lang, "支付宝：关闭免密支付 / 自动扣款", "Alipay: close the password-free payment / auto-deduction agreement"),
            vec![
                tr(lang, "关闭前先截图协议详情页（签约时间、扣款周期、商户名称），作为证据。", "Before closing, screenshot the agreement's detail page (signing date, cycle, merchant) as evidence."),
                tr(lang, "打开支付宝：我的 → 右上角“设置”（齿轮）→ 支付设置 → 免密支付/自动扣款。", "Open Alipay: Me (我的) → Settings (设置, the gear at the top right) → Payment settings (支付设置) → Password-free payment / auto-deduction (免密支付/自动扣款)."),
                tr(lang, "选择该商户的项目 → 关闭服务 → 确认关闭，并截图关闭成功的页面。", "Choose the merchant's item → Close service (关闭服务) → confirm, and screenshot the confirmation."),
                tr(lang, "注意：在“我的 → 银行卡”中解绑银行卡，并不会自动解除商户的扣款协议；请先关闭协议。", "Note: unbinding a card under Me → Bank cards does not by itself cancel a merchant's agreement; close the agreement first."),
                tr(lang, "菜单名称可能因版本不同而变化。", "Menu names may differ between app versions."),
            ],
            tr(lang, "多个使用教程相互印证：m.iefans.net（2024-12-04）、huanbaole.com（2025-08-27）、php.cn（2025）、youleyou.com（2025-06-07）；解绑说明：php.wlsqs.com（2025）", "Several how-to pages agreeing: m.iefans.net (2024-12-04), huanbaole.com (2025-08-27), php.cn (2025), youleyou.com (2025-06-07); card note: php.wlsqs.com (2025)"),
        ),
        CancelPath::WeChatPay => (
            tr(lang, "微信支付：关闭自动续费 / 扣费服务", "WeChat Pay: stop automatic renewal / deduction services"),
            vec![
                tr(lang, "关闭前先截图扣费服务详情页，作为证据。", "Before closing, screenshot the service's detail page as evidence."),
                tr(lang, "打开微信：我 → 服务（旧版为“支付”）→ 钱包 → 支付设置 → 自动续费。", "Open WeChat: Me (我) → Services (服务; \"Pay\" in older versions) → Wallet (钱包) → Payment settings (支付设置) → Auto-renewal (自动续费)."),
                tr(lang, "选择该项目 → 关闭扣费服务 → 确认关闭。另一入口：我 → 服务 → 右上角“···” → 扣费服务。", "Choose the item → Stop deduction service (关闭扣费服务) → confirm. Another way in: Me → Services → \"···\" at the top right → Deduction services (扣费服务)."),
                tr(lang, "免密支付：我 → 服务 → 钱包 → 支付设置 → 免密支付 → 选择项目 → 关闭。", "Password-free payments: Me → Services → Wallet → Payment settings → Password-free payment (免密支付) → choose the item → close."),
                tr(lang, "菜单名称可能因版本不同而变化。", "Menu names may differ between app versions."),
            ],
            tr(lang, "多个使用教程相互印证：shuhaiyun.com（未注明日期）、keji.cooboys.com（2025-09）、jufengneat.com（未注明日期）、shihuishuo.com（未注明日期）；免密支付路径仅一个来源（jufengneat.com）", "Several how-to pages agreeing: shuhaiyun.com (undated), keji.cooboys.com (2025-09), jufengneat.com (undated), shihuishuo.com (undated); the password-free path has one source (jufengneat.com)"),
        ),
        CancelPath::BankApp => (
            tr(lang, "银行：解除快捷支付 / 代扣签约", "Bank: end quick-payment / deduction contracts"),
            vec![
                tr(lang, "在手机银行中搜索“快捷支付”“第三方支付”或“签约管理”→ 选择相应的支付机构或商户 → 解约。各银行菜单不同。", "In the bank's app, search for 快捷支付 (quick payment), 第三方支付 (third-party payment) or 签约管理 (contract management) → choose the payment institution or merchant → cancel. Menus differ between banks."),
                tr(lang, "也可拨打银行客服电话或到网点办理解约。", "You can also ask the bank's service line or a branch to cancel it."),
                tr(lang, "云闪付：我的 → 银行卡（管理）→ 选择银行卡 → 解绑。", "UnionPay app (云闪付): Me → Bank cards (manage) → the card → unbind."),
            ],
            tr(lang, "各银行路径未经核实；云闪付路径：sxtmmc.com（2025-08-12）、fjndwb.com（2025-11）", "Per-bank paths are unverified; UnionPay path: sxtmmc.com (2025-08-12), fjndwb.com (2025-11)"),
        ),
        CancelPath::Apple => (
            tr(lang, "苹果（iPhone / iPad）：取消订阅", "Apple (iPhone / iPad): cancel a subscription"),
            vec![
                tr(lang, "打开“设置”→ 点击顶部您的名字 → 订阅。", "Open Settings → tap your name at the top → Subscriptions."),
                tr(lang, "选择该订阅 → 取消订阅 → 确认。", "Choose the subscription → Cancel Subscription → confirm."),
                tr(lang, "苹果官方说明：support.apple.com/118428（原 HT202039）。", "Apple's own page: support.apple.com/118428 (formerly HT202039)."),
            ],
            tr(lang, "苹果支持页面 HT202039（经两处公开引用核对）；中文路径：jufengneat.com", "Apple support page HT202039 (checked through two public references); Chinese path: jufengneat.com"),
        ),
        CancelPath::GooglePlay => (
            tr(lang, "Google Play：取消订阅", "Google Play: cancel a subscription"),
            vec![
                tr(lang, "打开 Play 商店 → 点击头像 → 付款和订阅 → 订阅。", "Open the Play Store → tap your profile picture → Payments & subscriptions → Subscriptions."),
                tr(lang, "选择该订阅 → 取消订阅 → 按提示确认。", "Choose the subscription → Cancel subscription → follow the prompts."),
                tr(lang, "网页版：play.google.com/store/account/subscriptions。", "On the web: play.google.com/store/account/subscriptions."),
            ],
            tr(lang, "developer.android.com（“管理购买”：用户在 Play 商店中取消）；react-native-iap 议题 #679（订阅页链接）", "developer.android.com (\"manage purchases\": users cancel in the Play Store); react-native-iap issue #679 (subscriptions deep link)"),
        ),
        CancelPath::BankAbroad => (
            tr(lang, "境外银行：止付或撤回授权", "Bank abroad: stop the payments or withdraw the mandate"),
            vec![
                tr(lang, "美国：在下一次预定扣款前至少 3 个工作日通知银行止付（15 U.S.C. 1693e）。", "US: tell the bank to stop payment at least three business days before the next scheduled transfer (15 U.S.C. 1693e)."),
                tr(lang, "英国：通知银行取消该直接借记（Direct Debit）或持续付款授权（CPA），即撤回同意（PSRs 2017 reg. 67(4)）。", "UK: tell the bank to cancel the Direct Debit or continuous payment authority, which withdraws your consent (PSRs 2017 reg. 67(4))."),
                tr(lang, "欧盟：向银行撤回该扣款授权（PSD2 关于撤回同意的规定）。", "EU: withdraw the mandate with your bank (PSD2's rule on withdrawing consent)."),
                tr(lang, "同时在商家处取消，并保留取消确认。", "Cancel with the merchant as well and keep the confirmation."),
            ],
            tr(lang, "15 U.S.C. 1693e（美国法典原文）；legislation.gov.uk SI 2017/752；PSD2 经法国货币金融法典 L133 条转化（条文号未核）", "15 U.S.C. 1693e (US Code text); legislation.gov.uk SI 2017/752; PSD2 as transposed in the French CMF L133 (article number not verified)"),
        ),
    };
    CancelGuide {
        path,
        title: title.to_string(),
        steps: steps.into_iter().map(str::to_string).collect(),
        source: source.to_string(),
        checked_on: CHECKED_ON.to_string(),
    }
}

/// Where a payment can be stopped, from its file's format and its payment method as printed
/// (`花呗`, `招商银行信用卡(1234)`, an account number): `None` when nothing says.
pub fn path_for(format: Option<Format>, payment_method: Option<&str>) -> Option<CancelPath> {
    let method = payment_method.unwrap_or("");
    let lower = method.to_lowercase();
    if lower.contains("apple") || lower.contains("app store") {
        return Some(CancelPath::Apple);
    }
    if lower.contains("google") {
        return Some(CancelPath::GooglePlay);
    }
    match format {
        Some(Format::Alipay | Format::Alipay2021 | Format::AlipayWeb) => Some(CancelPath::Alipay),
        Some(Format::WechatCsv | Format::WechatXlsx) => Some(CancelPath::WeChatPay),
        Some(
            Format::Ofx
            | Format::Qif
            | Format::Camt053
            | Format::Mt940
            | Format::BankEn
            | Format::GenericCsv,
        ) => Some(CancelPath::BankAbroad),
        Some(_) => Some(CancelPath::BankApp),
        None if method.contains("花呗") || method.contains("余额") => Some(CancelPath::Alipay),
        None if method.contains("零钱") => Some(CancelPath::WeChatPay),
        None if method.contains("银行") || method.contains("卡") => Some(CancelPath::BankApp),
        None => None,
    }
}

/// The places a finding's payments can be stopped, most direct first.
pub fn paths_for(finding: &Finding<'_>) -> Vec<CancelPath> {
    let rails = &finding.rails;
    let mut out = Vec::new();
    if rails.apple {
        out.push(CancelPath::Apple);
    }
    if rails.google {
        out.push(CancelPath::GooglePlay);
    }
    if finding.currency.code() != "CNY" {
        out.push(CancelPath::BankAbroad);
        return out;
    }
    if rails.alipay {
        out.push(CancelPath::Alipay);
    }
    if rails.wechat {
        out.push(CancelPath::WeChatPay);
    }
    if rails.bank {
        out.push(CancelPath::BankApp);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_guide_is_dated_and_sourced_in_both_languages() {
        for path in [
            CancelPath::Alipay,
            CancelPath::WeChatPay,
            CancelPath::BankApp,
            CancelPath::Apple,
            CancelPath::GooglePlay,
            CancelPath::BankAbroad,
        ] {
            let zh = how_to_cancel(path, Lang::Zh);
            let en = how_to_cancel(path, Lang::En);
            assert_eq!(zh.steps.len(), en.steps.len(), "{path:?}");
            assert!(!zh.steps.is_empty() && !zh.source.is_empty(), "{path:?}");
            assert_eq!(zh.checked_on, "2026-11");
            assert_ne!(zh.title, en.title);
        }
        for (format, method, path) in [
            (Some(Format::Alipay), Some("花呗"), Some(CancelPath::Alipay)),
            (
                Some(Format::WechatXlsx),
                Some("零钱"),
                Some(CancelPath::WeChatPay),
            ),
            (Some(Format::Icbc), None, Some(CancelPath::BankApp)),
            (
                Some(Format::Ofx),
                Some("1234567890"),
                Some(CancelPath::BankAbroad),
            ),
            (
                Some(Format::Alipay),
                Some("Apple Pay"),
                Some(CancelPath::Apple),
            ),
            (
                None,
                Some("招商银行信用卡(1234)"),
                Some(CancelPath::BankApp),
            ),
            (None, None, None),
        ] {
            assert_eq!(path_for(format, method), path, "{format:?} {method:?}");
        }
        let alipay = how_to_cancel(CancelPath::Alipay, Lang::Zh);
        assert!(alipay.steps.iter().any(|s| s.contains("免密支付/自动扣款")));
        assert!(
            alipay.steps.iter().any(|s| s.contains("解绑")),
            "unbinding is not cancelling"
        );
    }
}
