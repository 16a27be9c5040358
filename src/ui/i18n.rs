//! The interface's words in each language ([`Locale`]: 简体中文, 繁體中文, English).

use std::borrow::Cow;

use crate::lang::Lang;
pub use crate::lang::Locale;
use crate::model::Direction;

/// A piece of interface text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// The product name.
    Title,
    /// The one-line privacy promise.
    Privacy,
    /// The drop zone's invitation.
    DropHere,
    /// The formats this version reads.
    Supported,
    /// The demo button.
    Demo,
    /// The "forget everything" button.
    ForgetAll,
    /// The language switch, naming the *other* language.
    SwitchLanguage,
    /// Status: nothing loaded.
    StatusIdle,
    /// Status: reading.
    StatusWorking,
    /// Status: all read.
    StatusDone,
    /// Status: some file could not be read.
    StatusError,
    /// Column: time.
    ColTime,
    /// Column: counterparty.
    ColCounterparty,
    /// Column: description.
    ColDescription,
    /// Column: direction.
    ColDirection,
    /// Column: amount.
    ColAmount,
    /// Column: status.
    ColStatus,
    /// Column: payment method.
    ColMethod,
    /// Column: source file and line.
    ColSource,
    /// Label: period.
    Period,
    /// Label: transactions.
    Transactions,
    /// Label: skipped rows.
    Skipped,
    /// Label: encoding.
    Encoding,
    /// Label: format.
    Format,
    /// Pager: previous page.
    Previous,
    /// Pager: next page.
    Next,
    /// Heading of the transactions table.
    AllTransactions,
    /// Shown when the worker stopped unexpectedly.
    WorkerCrashed,
    /// The file is still being read.
    Reading,
    /// "Forget all" has removed everything.
    Forgotten,
}

/// A message that comes in both languages (from the worker), as `locale` shows it.
pub fn said(locale: Locale, zh: &str, en: &str) -> String {
    match locale {
        Locale::En => en.to_string(),
        Locale::Hans | Locale::Hant => locale.show(zh).into_owned(),
    }
}

/// The text in `locale`.
pub fn t(locale: Locale, text: Text) -> Cow<'static, str> {
    if locale == Locale::Hant {
        return Cow::Owned(crate::hant::to_traditional(text_in(Lang::Zh, text)));
    }
    Cow::Borrowed(text_in(locale.lang(), text))
}

fn text_in(lang: Lang, text: Text) -> &'static str {
    use Text::*;
    match (lang, text) {
        (Lang::Zh, Title) => "账单体检",
        (Lang::En, Title) => "Statement Checker",
        (Lang::Zh, Privacy) => "你的账单只在这台设备上读取和分析，不会上传到任何地方。",
        (Lang::En, Privacy) => "Your statements are read and analysed on this device only. Nothing is uploaded anywhere.",
        (Lang::Zh, DropHere) => "把账单文件拖到这里，或点击选择文件（可多选）",
        (Lang::En, DropHere) => "Drop statement files here, or click to choose (several at once is fine)",
        (Lang::Zh, Supported) => "可读取：支付宝交易明细（CSV，含邮件发来的加密 zip）、微信支付账单（CSV / XLSX）、招商/工商/建设/中国/农业/交通/中信/浦发/广发/兴业银行导出的 CSV 或 XLS、OFX/QFX、QIF、CAMT.053、MT940，以及其他银行 CSV（可手动指定列）。文件格式按内容识别。",
        (Lang::En, Supported) => "Reads: Alipay transaction CSV (also the encrypted zip it e-mails), WeChat Pay (CSV / XLSX), CSV or XLS exports of CMB, ICBC, CCB, BOC, ABC, BOCOM, CITIC, SPDB, CGB and CIB, OFX/QFX, QIF, CAMT.053, MT940, and other bank CSVs (you can set the columns). The format is recognised from the content.",
        (Lang::Zh, Demo) => "用示例账单试试",
        (Lang::En, Demo) => "Try the demo statement",
        (Lang::Zh, ForgetAll) => "全部清除",
        (Lang::En, ForgetAll) => "Forget all",
        (Lang::Zh, SwitchLanguage) => "English",
        (Lang::En, SwitchLanguage) => "中文",
        (Lang::Zh, StatusIdle) => "还没有账单。",
        (Lang::En, StatusIdle) => "No statements yet.",
        (Lang::Zh, StatusWorking) => "正在读取…",
        (Lang::En, StatusWorking) => "Reading…",
        (Lang::Zh, StatusDone) => "全部读取完成。",
        (Lang::En, StatusDone) => "All files read.",
        (Lang::Zh, StatusError) => "有文件无法读取，见下方说明。",
        (Lang::En, StatusError) => "Some files could not be read; see below.",
        (Lang::Zh, ColTime) => "时间",
        (Lang::En, ColTime) => "Time",
        (Lang::Zh, ColCounterparty) => "交易对方",
        (Lang::En, ColCounterparty) => "Counterparty",
        (Lang::Zh, ColDescription) => "说明",
        (Lang::En, ColDescription) => "Description",
        (Lang::Zh, ColDirection) => "收/支",
        (Lang::En, ColDirection) => "In/out",
        (Lang::Zh, ColAmount) => "金额",
        (Lang::En, ColAmount) => "Amount",
        (Lang::Zh, ColStatus) => "状态",
        (Lang::En, ColStatus) => "Status",
        (Lang::Zh, ColMethod) => "支付方式",
        (Lang::En, ColMethod) => "Paid with",
        (Lang::Zh, ColSource) => "文件:行",
        (Lang::En, ColSource) => "File:line",
        (Lang::Zh, Period) => "账单期间",
        (Lang::En, Period) => "Period",
        (Lang::Zh, Transactions) => "交易笔数",
        (Lang::En, Transactions) => "Transactions",
        (Lang::Zh, Skipped) => "跳过的行",
        (Lang::En, Skipped) => "Skipped rows",
        (Lang::Zh, Encoding) => "编码",
        (Lang::En, Encoding) => "Encoding",
        (Lang::Zh, Format) => "格式",
        (Lang::En, Format) => "Format",
        (Lang::Zh, Previous) => "上一页",
        (Lang::En, Previous) => "Previous",
        (Lang::Zh, Next) => "下一页",
        (Lang::En, Next) => "Next",
        (Lang::Zh, AllTransactions) => "全部交易",
        (Lang::En, AllTransactions) => "All transactions",
        (Lang::Zh, WorkerCrashed) => "读取时程序出错，已重新启动读取程序。请再试一次；已读取的账单不受影响。",
        (Lang::En, WorkerCrashed) => "The reader hit an internal error and was restarted. Please try again; files already read are kept.",
        (Lang::Zh, Reading) => "读取中",
        (Lang::En, Reading) => "reading",
        (Lang::Zh, Forgotten) => "已清除：本页的账单、你的判断、寄信人信息和所有设置都已从这台设备上删除。",
        (Lang::En, Forgotten) => "Forgotten: the statements on this page, your decisions, your sender details and every setting have been removed from this device.",
    }
}

/// How a direction is shown.
pub fn direction(locale: Locale, direction: Direction) -> Cow<'static, str> {
    let text = match (locale.lang(), direction) {
        (Lang::Zh, Direction::Debit) => "支出",
        (Lang::Zh, Direction::Credit) => "收入",
        (Lang::Zh, Direction::Neutral) => "不计收支",
        (Lang::En, Direction::Debit) => "out",
        (Lang::En, Direction::Credit) => "in",
        (Lang::En, Direction::Neutral) => "neutral",
    };
    locale.show(text)
}
