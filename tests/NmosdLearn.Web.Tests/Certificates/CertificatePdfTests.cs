using System.Text;
using System.Text.RegularExpressions;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Certificates;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using static NmosdLearn.Web.Tests.Certificates.PdfReading;

namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>The certificate PDF, read back with PdfPig and zbar: every printed element, exactly.</summary>
public sealed partial class CertificatePdfTests
{
    private readonly CertificatePdf _pdf = new();

    private byte[] Render(Certificate certificate) => _pdf.Render(certificate, Records.VerificationUrl(certificate));

    [Fact]
    public void A_credit_certificate_prints_every_required_element_as_text()
    {
        var certificate = Records.Certificate();

        var pdf = Render(certificate);

        using var document = PdfDocument.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
        var page = document.GetPage(1);
        Assert.True(page.Width > page.Height, "A4 landscape");
        Assert.Equal(842, page.Width, 0);
        Assert.Equal(595, page.Height, 0);
        var lines = Lines(page);
        Assert.Contains("Certificate of credit", lines);
        Assert.Contains("Zoë O'Brien-Ånström", lines);
        Assert.Contains("MD", lines);
        Assert.Contains("NmosdLearn Test Provider", lines);
        Assert.Contains("Pain in neuromyelitis optica spectrum disorder", lines);
        Assert.Contains("Format: Enduring material, online · Completed on 20 November 2026", lines);
        Assert.Contains("Credits claimed: 1.5 AMA PRA Category 1 Credit™", lines);
        Assert.Contains($"Certificate number: {certificate.Code}", lines);
        Assert.Contains("Content version: 3f9a2c41d07e", lines);
        Assert.Contains("Issued: 21 November 2026", lines);
        Assert.Contains(Records.VerificationUrl(certificate), lines);
        var all = Squash(string.Concat(lines));
        Assert.Contains(Squash($"Accreditation: {Records.Accreditation}"), all);
        Assert.Contains(Squash($"Credit designation: {Records.Designation}"), all);
    }

    [Theory]
    [InlineData("张伟")]
    [InlineData("Zoë O'Brien-Ånström")]
    [InlineData("Nguyễn Thị Thu Hà")]
    [InlineData("Łukasz Żółć-Dvořák")]
    [InlineData("王小明 Jean-François Müller")]
    [InlineData("Ștefan Țurcanu")]
    [InlineData("Əli Məmmədov")]
    [InlineData("Muḥammad ibn Mūsā")]
    [InlineData("Ελένη Παπαδοπούλου")]
    [InlineData("Иван Петров")]
    public void A_name_in_any_script_reads_back_exactly(string name)
    {
        var lines = Lines(Render(Records.Certificate(name: name)));

        Assert.Contains(name, lines);
    }

    [Fact]
    public void A_name_typed_with_combining_accents_prints_as_the_same_letters()
    {
        var decomposed = "Zoë Ånström".Normalize(NormalizationForm.FormD);

        var lines = Lines(Render(Records.Certificate(name: decomposed)));

        Assert.Contains("Zoë Ånström".Normalize(NormalizationForm.FormC), lines);
    }

    [Fact]
    public void A_chinese_course_prints_its_wording_in_chinese()
    {
        var certificate = Records.Certificate(name: "张伟", title: "视神经脊髓炎谱系疾病的疼痛管理", language: "zh-CN", kind: CertificateKind.Completion, revision: 2);

        var lines = Lines(Render(certificate));

        Assert.Contains("结业证书", lines);
        Assert.Contains("张伟", lines);
        Assert.Contains("视神经脊髓炎谱系疾病的疼痛管理", lines);
        Assert.Contains("形式：持续性学习材料，在线 · 完成日期：2026年11月20日", lines);
        Assert.Contains("学习时长（小时）：1.5 · 活动学分类型：AMA PRA Category 1 Credit™", lines);
        Assert.Contains($"证书编号：{certificate.Code}", lines);
        Assert.Contains("签发日期：2026年11月21日 （第 2 版）", lines);
    }

    [Fact]
    public void A_certificate_of_completion_claims_participation_not_credit()
    {
        var lines = Lines(Render(Records.Certificate(profession: "RN", kind: CertificateKind.Completion)));

        Assert.Contains("Certificate of completion", lines);
        Assert.Contains("Hours of participation: 1.5 · Credit type of the activity: AMA PRA Category 1 Credit™", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("Credits claimed", StringComparison.Ordinal));
        Assert.DoesNotContain("Certificate of credit", lines);
    }

    [Fact]
    public void A_reissue_says_which_issue_it_is()
    {
        var lines = Lines(Render(Records.Certificate(revision: 3)));

        Assert.Contains("Issued: 21 November 2026 (issue 3)", lines);
    }

    [Fact]
    public async Task The_qr_code_decodes_to_the_printed_verification_address()
    {
        var certificate = Records.Certificate();

        var decoded = await DecodeQrCodeAsync(Render(certificate));

        Assert.Equal(Records.VerificationUrl(certificate), decoded);
    }

    [Fact]
    public void The_font_is_embedded_as_a_subset()
    {
        var pdf = Render(Records.Certificate(name: "张伟 Zoë Țurcanu"));

        using var document = PdfDocument.Open(pdf);
        var fonts = document.GetPage(1).Letters.Select(l => l.FontName ?? "").Distinct().ToList();
        Assert.Contains(fonts, font => font.Contains("WenQuanYi", StringComparison.Ordinal));
        Assert.Contains(fonts, font => font.Contains("DejaVu", StringComparison.Ordinal));
        // A subset's name carries a six-letter tag; the whole fonts would be 4.6 MB and 0.8 MB.
        Assert.All(fonts, font => Assert.Matches(SubsetFontName(), font));
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(pdf));
        Assert.InRange(pdf.Length, 1, 250_000);
    }

    [Fact]
    public void The_same_record_always_gives_the_same_content()
    {
        var certificate = Records.Certificate(name: "王小明 Jean-François");

        var first = Render(certificate);
        var second = Render(certificate);

        using var a = PdfDocument.Open(first);
        using var b = PdfDocument.Open(second);
        var placed = (PdfDocument d) => d.GetPage(1).Letters.Select(l => (l.Value, Math.Round(l.StartBaseLine.X, 2), Math.Round(l.StartBaseLine.Y, 2), Math.Round(l.PointSize, 2)));
        Assert.Equal(placed(a), placed(b));
        Assert.Equal(a.Information.Title, b.Information.Title);
        Assert.Equal(a.Information.CreationDate, b.Information.CreationDate);
    }

    [Fact]
    public Task A_long_title_and_a_long_mixed_script_name_stay_inside_the_page_clear_of_each_other_and_the_qr_code() =>
        AssertFitsAsync(
            "Maria-Dolores de los Ángeles Fernández-Castillo y Rodríguez-Quintana 王晓明 Nguyễn Thị Thu Hà Ólafsdóttir",
            string.Join(' ', Enumerable.Repeat("Recognising and treating neuropathic pain, tonic spasms and itch in NMOSD 视神经脊髓炎谱系疾病", 3)));

    /// <summary>The longest name registration accepts (200) and the longest title the checker accepts (200), each one unbroken word of wide letters.</summary>
    [Fact]
    public Task A_name_and_a_title_at_the_platforms_length_limits_with_no_spaces_still_fit_the_page() =>
        AssertFitsAsync(new string('W', 200), string.Concat(Enumerable.Repeat("MWMW", 50)));

    private async Task AssertFitsAsync(string name, string title)
    {
        var certificate = Records.Certificate(name: name, title: title);

        var pdf = Render(certificate);

        using var document = PdfDocument.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
        var page = document.GetPage(1);
        var text = Squash(string.Concat(Lines(page)));
        Assert.Contains(Squash(name), text);
        Assert.Contains(Squash(title), text);
        Assert.Contains(Squash(Records.Designation), text);

        var lines = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value))
            .GroupBy(l => Math.Round(l.StartBaseLine.Y, 1))
            .Select(g => Bounds(g.Select(l => l.BoundingBox)))
            .ToList();
        foreach (var line in lines)
        {
            // Inside the inner frame (32 pt from each edge).
            Assert.InRange(line.Left, 32, page.Width - 32);
            Assert.InRange(line.Right, 32, page.Width - 32);
            Assert.InRange(line.Bottom, 32, page.Height - 32);
            Assert.InRange(line.Top, 32, page.Height - 32);
            // Clear of the QR code, which fills the bottom-right corner up to 136 pt from the bottom.
            Assert.True(line.Right < page.Width - 60 - 92 || line.Bottom > 44 + 92, $"a line overlaps the QR code at {line}");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            for (var j = i + 1; j < lines.Count; j++)
            {
                var overlapX = Math.Min(lines[i].Right, lines[j].Right) - Math.Max(lines[i].Left, lines[j].Left);
                var overlapY = Math.Min(lines[i].Top, lines[j].Top) - Math.Max(lines[i].Bottom, lines[j].Bottom);
                Assert.False(overlapX > 0 && overlapY > 0.5, $"lines overlap: {lines[i]} and {lines[j]}");
            }
        }

        Assert.Equal(Records.VerificationUrl(certificate), await DecodeQrCodeAsync(pdf));
    }

    private static PdfRectangle Bounds(IEnumerable<PdfRectangle> boxes)
    {
        var list = boxes.ToList();
        return new PdfRectangle(list.Min(b => b.Left), list.Min(b => b.Bottom), list.Max(b => b.Right), list.Max(b => b.Top));
    }

    [GeneratedRegex(@"^[A-Z]{6}\+(WenQuanYi|DejaVu)")]
    private static partial Regex SubsetFontName();
}
