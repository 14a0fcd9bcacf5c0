using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>The learner whose transcript is printed, as the transcript names them.</summary>
public sealed record TranscriptLearner(string FullName, string Profession);

/// <summary>
/// An A4 transcript of a learner's valid certificates, grouped by year of completion with the
/// credits of each year totalled per credit type. Revoked certificates are left out.
/// </summary>
public sealed class TranscriptPdf
{
    private const double Margin = 50;
    private const double RowGap = 4;

    public TranscriptPdf() => CertificateFonts.Install();

    public byte[] Render(TranscriptLearner learner, IReadOnlyList<Certificate> certificates, string provider, DateTimeOffset producedAt, string verificationBaseUrl, string language)
    {
        var text = TranscriptText.For(language);
        var valid = certificates.Where(c => c.RevokedAt is null && c.SupersededAt is null).ToList();
        using var document = new PdfDocument();
        document.Language = language;
        document.Info.Title = $"{text.Title} – {learner.FullName}";
        document.Info.Author = provider;
        document.Info.CreationDate = producedAt.UtcDateTime;

        var writer = new PageWriter(document);
        writer.Line(provider, CertificatePdf.Font(12, bold: true), CertificatePdf.Accent, 4);
        writer.Line(text.Title, CertificatePdf.Font(20, bold: true), CertificatePdf.Ink, 6);
        writer.Wrapped(learner.FullName, CertificatePdf.Font(14, bold: true), CertificatePdf.Ink, writer.ContentWidth, 0);
        writer.Line(learner.Profession, CertificatePdf.Font(10), CertificatePdf.Muted, 2);
        writer.Line(string.Format(text.Culture, text.Produced, producedAt.UtcDateTime.ToString(text.DateFormat, text.Culture)), CertificatePdf.Font(9), CertificatePdf.Muted, 14);

        if (valid.Count == 0)
        {
            writer.Line(text.None, CertificatePdf.Font(11), CertificatePdf.Ink, 0);
        }

        foreach (var year in valid.GroupBy(c => c.CompletedOn.Year).OrderByDescending(g => g.Key))
        {
            writer.KeepTogether(60);
            writer.Line(year.Key.ToString(CultureInfo.InvariantCulture), CertificatePdf.Font(13, bold: true), CertificatePdf.Ink, 4);
            writer.TableHeader([text.DateHeader, text.ActivityHeader, text.CreditHeader, text.NumberHeader], CertificatePdf.Font(8.5, bold: true), CertificatePdf.Muted);
            foreach (var certificate in year.OrderBy(c => c.CompletedOn).ThenBy(c => c.CourseTitle, StringComparer.Ordinal))
            {
                writer.Row(
                    [
                        certificate.CompletedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        certificate.CourseTitle,
                        CreditCell(certificate, text),
                        certificate.Code,
                    ],
                    CertificatePdf.Font(9), CertificatePdf.Ink);
            }

            var totals = year
                .GroupBy(c => (c.Kind, c.Kind == CertificateKind.Credit ? c.CreditType : ""))
                .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Item2, StringComparer.Ordinal)
                .Select(g => g.Key.Kind == CertificateKind.Credit
                    ? $"{CertificateText.Amount(g.Sum(c => c.Credits))} {g.Key.Item2}"
                    : string.Format(text.Culture, text.Hours, CertificateText.Amount(g.Sum(c => c.Credits))));
            writer.EndTable();
            writer.Wrapped(string.Format(text.Culture, text.Total, year.Key, string.Join("; ", totals)), CertificatePdf.Font(9.5, bold: true), CertificatePdf.Ink, writer.ContentWidth, 16);
        }

        writer.Wrapped(string.Format(text.Culture, text.Footnote, $"{verificationBaseUrl.TrimEnd('/')}/verify/"), CertificatePdf.Font(8.5), CertificatePdf.Muted, writer.ContentWidth, 0);
        writer.Finish(text);

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static string CreditCell(Certificate certificate, TranscriptText text) => certificate.Kind == CertificateKind.Credit
        ? $"{CertificateText.Amount(certificate.Credits)} {certificate.CreditType}"
        : string.Format(text.Culture, text.Hours, CertificateText.Amount(certificate.Credits));

    /// <summary>Writes lines and table rows down A4 portrait pages, starting a new page when one is full.</summary>
    private sealed class PageWriter(PdfDocument document)
    {
        private static readonly double[] Columns = [58, 180, 125, 132];

        private readonly List<PdfPage> _pages = [];
        private XGraphics? _gfx;
        private (string[] Cells, XFont Font, XColor Color)? _header;
        private double _y;
        private double _bottom;

        public double ContentWidth { get; } = PageSizeConverter.ToSize(PageSize.A4).Width - 2 * Margin;

        private XGraphics Gfx => _gfx ?? NewPage();

        private XGraphics NewPage()
        {
            _gfx?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            _pages.Add(page);
            _gfx = XGraphics.FromPdfPage(page);
            _y = Margin;
            _bottom = page.Height.Point - Margin - 20;
            return _gfx;
        }

        public void KeepTogether(double height)
        {
            if (_gfx is not null && _y + height > _bottom)
            {
                NewPage();
            }
        }

        public void Line(string text, XFont font, XColor color, double spaceAfter) => Wrapped(text, font, color, ContentWidth, spaceAfter);

        public void Wrapped(string text, XFont font, XColor color, double width, double spaceAfter)
        {
            var gfx = Gfx;
            foreach (var line in PdfText.Wrap(gfx, text, font, width))
            {
                KeepTogether(font.GetHeight());
                PdfText.Draw(_gfx!, line, font, new XSolidBrush(color), Margin, _y);
                _y += font.GetHeight();
            }

            _y += spaceAfter;
        }

        /// <summary>A table's column headings, repeated at the top of each page the table continues on.</summary>
        public void TableHeader(string[] cells, XFont font, XColor color)
        {
            _header = null;
            Row(cells, font, color);
            _header = (cells, font, color);
        }

        public void EndTable() => _header = null;

        /// <summary>
        /// One table row; each cell wraps within its column and the row is as tall as its tallest cell.
        /// The last column holds the certificate number, which must stay on one line to be copied or
        /// read back: it is printed smaller when a code of wide letters would not fit.
        /// </summary>
        public void Row(string[] cells, XFont font, XColor color)
        {
            var gfx = Gfx;
            var wrapped = cells.Select((cell, i) => PdfText.Wrap(gfx, cell, font, Columns[i] - 6)).ToList();
            var numberFont = font;
            var last = cells.Length - 1;
            while (wrapped[last].Count > 1 && numberFont.Size > 5)
            {
                numberFont = new XFont(numberFont.FontFamily.Name, numberFont.Size - 0.5, numberFont.Style);
                wrapped[last] = PdfText.Wrap(gfx, cells[last], numberFont, Columns[last] - 6);
            }

            var height = wrapped.Max(lines => Math.Max(1, lines.Count)) * font.GetHeight();
            if (_y + height + RowGap > _bottom)
            {
                NewPage();
                if (_header is { } header)
                {
                    Row(header.Cells, header.Font, header.Color);
                }
            }

            var x = Margin;
            var brush = new XSolidBrush(color);
            for (var i = 0; i < cells.Length; i++)
            {
                var y = _y;
                foreach (var line in wrapped[i])
                {
                    PdfText.Draw(_gfx!, line, i == last ? numberFont : font, brush, x, y);
                    y += font.GetHeight();
                }

                x += Columns[i];
            }

            _y += height + RowGap;
            _gfx!.DrawLine(new XPen(XColor.FromArgb(220, 224, 226), 0.5), Margin, _y - RowGap / 2, Margin + ContentWidth, _y - RowGap / 2);
        }

        /// <summary>Numbers the pages once their count is known.</summary>
        public void Finish(TranscriptText text)
        {
            _gfx?.Dispose();
            _gfx = null;
            for (var i = 0; i < _pages.Count; i++)
            {
                using var gfx = XGraphics.FromPdfPage(_pages[i], XGraphicsPdfPageOptions.Append);
                var label = string.Format(text.Culture, text.PageOf, i + 1, _pages.Count);
                PdfText.Draw(gfx, label, CertificatePdf.Font(8), new XSolidBrush(CertificatePdf.Muted), Margin, _pages[i].Height.Point - Margin);
            }
        }
    }
}

/// <summary>The transcript's fixed wording, in the learner's interface language.</summary>
internal sealed record TranscriptText(
    CultureInfo Culture, string Title, string Produced, string None, string DateHeader, string ActivityHeader,
    string CreditHeader, string NumberHeader, string Hours, string Total, string Footnote, string PageOf, string DateFormat)
{
    private static readonly TranscriptText English = new(
        CultureInfo.GetCultureInfo("en"), "Transcript of continuing education", "Produced on {0}",
        "No certificates yet.", "Completed", "Activity", "Credit", "Certificate number",
        "{0} hours of participation", "Total for {0}: {1}",
        "Revoked certificates are not listed. Anyone can check a certificate at {0} followed by its number.",
        "Page {0} of {1}", "d MMMM yyyy");

    private static readonly TranscriptText Chinese = new(
        CultureInfo.GetCultureInfo("zh-CN"), "继续教育成绩单", "生成日期：{0}",
        "尚无证书。", "完成日期", "学习活动", "学分", "证书编号",
        "学习时长 {0} 小时", "{0} 年合计：{1}",
        "已撤销的证书不列出。任何人都可以在 {0} 后加证书编号来验证证书。",
        "第 {0} 页，共 {1} 页", "yyyy年M月d日");

    public static TranscriptText For(string language) => language == "zh-CN" ? Chinese : English;
}
