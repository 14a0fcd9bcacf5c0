using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>
/// Draws a one-page A4 landscape certificate from a stored record. Everything printed comes from the
/// record and the verification address, so the same record always gives the same content.
/// </summary>
public sealed class CertificatePdf
{
    private static readonly XColor Ink = XColor.FromArgb(11, 12, 12);
    private static readonly XColor Accent = XColor.FromArgb(0, 94, 165);
    private static readonly XColor Muted = XColor.FromArgb(80, 90, 95);

    public CertificatePdf() => CertificateFonts.Install();

    public byte[] Render(Certificate certificate, string verificationUrl, string provider)
    {
        var text = CertificateText.For(certificate.Language);
        using var document = new PdfDocument();
        document.Info.Title = $"{text.Heading} – {certificate.CourseTitle}";
        document.Info.Author = provider;
        document.Info.Subject = certificate.Code;
        document.Info.CreationDate = certificate.IssuedAt.UtcDateTime;
        var page = document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Landscape;

        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var width = page.Width.Point;
            var height = page.Height.Point;
            gfx.DrawRectangle(new XPen(Accent, 3), 24, 24, width - 48, height - 48);
            gfx.DrawRectangle(new XPen(Accent, 0.75), 32, 32, width - 64, height - 64);

            var y = 70.0;
            y = DrawCentered(gfx, provider, Font(14, bold: true), Accent, width, y);
            y = DrawCentered(gfx, text.Heading, Font(30, bold: true), Ink, width, y + 14);
            y = DrawCentered(gfx, text.Certifies, Font(13), Muted, width, y + 14);
            y = DrawWrapped(gfx, certificate.RecipientName, Font(28, bold: true), Ink, width, y + 6, maxWidth: width - 160);
            y = DrawCentered(gfx, certificate.Profession, Font(12), Muted, width, y + 2);
            y = DrawCentered(gfx, text.Completed, Font(13), Muted, width, y + 12);
            y = DrawWrapped(gfx, certificate.CourseTitle, Font(19, bold: true), Ink, width, y + 4, maxWidth: width - 200);
            var date = certificate.CompletedOn.ToString(text.DateFormat, text.Culture);
            y = DrawCentered(gfx, string.Format(text.Culture, text.CompletedOn, date), Font(13), Ink, width, y + 12);
            var credits = certificate.Credits.ToString("0.##", CultureInfo.InvariantCulture);
            DrawCentered(gfx, string.Format(text.Culture, text.Credits, credits, certificate.CreditType), Font(13), Ink, width, y + 6);

            var footerY = height - 150;
            var details = new[]
            {
                $"{text.CertificateNumber}: {certificate.Code}",
                $"{text.ContentVersion}: {certificate.ContentVersion}",
                $"{text.Issued}: {certificate.IssuedAt.UtcDateTime.ToString(text.DateFormat, text.Culture)}",
                text.VerifyAt,
                verificationUrl,
            };
            var lineY = footerY;
            foreach (var line in details)
            {
                gfx.DrawString(line, Font(10), new XSolidBrush(Muted), new XPoint(60, lineY), XStringFormats.TopLeft);
                lineY += 16;
            }

            DrawQrCode(gfx, verificationUrl, x: width - 60 - 100, y: footerY - 6, size: 100);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static XFont Font(double size, bool bold = false) =>
        new(CertificateFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private static double DrawCentered(XGraphics gfx, string text, XFont font, XColor color, double pageWidth, double y)
    {
        var size = gfx.MeasureString(text, font);
        gfx.DrawString(text, font, new XSolidBrush(color), new XPoint((pageWidth - size.Width) / 2, y), XStringFormats.TopLeft);
        return y + size.Height;
    }

    /// <summary>
    /// Centers text on as many lines as it needs. Breaks at spaces where there are any; Chinese has
    /// none, so a line may also break between any two characters.
    /// </summary>
    private static double DrawWrapped(XGraphics gfx, string text, XFont font, XColor color, double pageWidth, double y, double maxWidth)
    {
        foreach (var line in WrapLines(gfx, text, font, maxWidth))
        {
            y = DrawCentered(gfx, line, font, color, pageWidth, y);
        }

        return y;
    }

    internal static List<string> WrapLines(XGraphics gfx, string text, XFont font, double maxWidth)
    {
        var lines = new List<string>();
        var current = "";
        var lastBreak = -1;
        foreach (var ch in text)
        {
            var candidate = current + ch;
            if (current.Length > 0 && gfx.MeasureString(candidate, font).Width > maxWidth)
            {
                if (ch != ' ' && lastBreak > 0)
                {
                    lines.Add(current[..lastBreak].TrimEnd());
                    current = current[(lastBreak + 1)..] + ch;
                }
                else
                {
                    lines.Add(current.TrimEnd());
                    current = ch == ' ' ? "" : ch.ToString();
                }

                lastBreak = -1;
                continue;
            }

            current = candidate;
            if (ch == ' ')
            {
                lastBreak = current.Length - 1;
            }
        }

        if (current.Trim().Length > 0)
        {
            lines.Add(current.Trim());
        }

        return lines;
    }

    private static void DrawQrCode(XGraphics gfx, string url, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var module = size / modules.Count;
        var brush = XBrushes.Black;
        for (var row = 0; row < modules.Count; row++)
        {
            for (var column = 0; column < modules[row].Count; column++)
            {
                if (modules[row][column])
                {
                    // Slight overlap avoids hairline gaps between modules in some viewers.
                    gfx.DrawRectangle(brush, x + column * module, y + row * module, module + 0.05, module + 0.05);
                }
            }
        }
    }
}

/// <summary>The fixed wording of a certificate in the language of the course taken.</summary>
internal sealed record CertificateText(
    CultureInfo Culture, string Heading, string Certifies, string Completed, string CompletedOn, string Credits,
    string CertificateNumber, string ContentVersion, string Issued, string VerifyAt, string DateFormat)
{
    private static readonly CertificateText English = new(
        CultureInfo.GetCultureInfo("en"), "Certificate of completion", "This certifies that", "has completed the online activity",
        "Completed on {0}", "{0} credit(s): {1}", "Certificate number", "Content version", "Issued", "Check this certificate at:",
        "d MMMM yyyy");

    private static readonly CertificateText Chinese = new(
        CultureInfo.GetCultureInfo("zh-CN"), "结业证书", "兹证明", "已完成在线学习活动",
        "完成日期：{0}", "学分 {0}：{1}", "证书编号", "内容版本", "签发日期", "验证本证书：", "yyyy年M月d日");

    public static CertificateText For(string language) => language == "zh-CN" ? Chinese : English;
}
