using System.Globalization;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>
/// The fixed wording of certificates and transcripts in the language of the course taken. It is
/// compiled in, not taken from the interface translations, so a printed certificate never changes
/// when interface text is edited.
/// </summary>
internal sealed record CertificateText(
    CultureInfo Culture,
    string CreditHeading,
    string CompletionHeading,
    string Certifies,
    string Completed,
    string Format,
    string FormatLabel,
    string CompletedOn,
    string CreditsClaimed,
    string Participation,
    string AccreditationLabel,
    string DesignationLabel,
    string CertificateNumber,
    string ContentVersion,
    string Issued,
    string IssueNumber,
    string VerifyAt,
    string Criteria,
    string LabelFormat,
    string DateFormat)
{
    public static readonly CertificateText English = new(
        CultureInfo.GetCultureInfo("en"),
        CreditHeading: "Certificate of credit",
        CompletionHeading: "Certificate of completion",
        Certifies: "This certifies that",
        Completed: "has completed the activity",
        Format: "Enduring material, online",
        FormatLabel: "Format",
        CompletedOn: "Completed on {0}",
        CreditsClaimed: "Credits claimed: {0} {1}",
        Participation: "Hours of participation: {0} · Credit type of the activity: {1}",
        AccreditationLabel: "Accreditation",
        DesignationLabel: "Credit designation",
        CertificateNumber: "Certificate number",
        ContentVersion: "Content version",
        Issued: "Issued",
        IssueNumber: "(issue {0})",
        VerifyAt: "Check this certificate at:",
        Criteria: "Completed this activity ({0}).",
        LabelFormat: "{0}: {1}",
        DateFormat: "d MMMM yyyy");

    public static readonly CertificateText Chinese = new(
        CultureInfo.GetCultureInfo("zh-CN"),
        CreditHeading: "学分证书",
        CompletionHeading: "结业证书",
        Certifies: "兹证明",
        Completed: "已完成以下学习活动",
        Format: "持续性学习材料，在线",
        FormatLabel: "形式",
        CompletedOn: "完成日期：{0}",
        CreditsClaimed: "申领学分：{0} {1}",
        Participation: "学习时长（小时）：{0} · 活动学分类型：{1}",
        AccreditationLabel: "认证声明",
        DesignationLabel: "学分声明",
        CertificateNumber: "证书编号",
        ContentVersion: "内容版本",
        Issued: "签发日期",
        IssueNumber: "（第 {0} 版）",
        VerifyAt: "验证本证书：",
        Criteria: "已完成本学习活动（{0}）。",
        LabelFormat: "{0}：{1}",
        DateFormat: "yyyy年M月d日");

    public static CertificateText For(string language) => language == "zh-CN" ? Chinese : English;

    public string Label(string label, string value) => string.Format(Culture, LabelFormat, label, value);

    public string Heading(CertificateKind kind) => kind == CertificateKind.Credit ? CreditHeading : CompletionHeading;

    public string Date(DateOnly date) => date.ToString(DateFormat, Culture);

    public string Date(DateTimeOffset instant) => instant.UtcDateTime.ToString(DateFormat, Culture);

    public static string Amount(decimal credits) => credits.ToString("0.##", CultureInfo.InvariantCulture);

    public string CreditLine(Certificate certificate) => certificate.Kind == CertificateKind.Credit
        ? string.Format(Culture, CreditsClaimed, Amount(certificate.Credits), certificate.CreditType)
        : string.Format(Culture, Participation, Amount(certificate.Credits), certificate.CreditType);
}
