using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>
/// Draws a one-page A4 landscape certificate from a stored record. Everything printed comes from the
/// record and its verification address, so the same record always gives the same content.
/// </summary>
public sealed class CertificatePdf
{
    internal static readonly XColor Ink = XColor.FromArgb(11, 12, 12);
    internal static readonly XColor Accent = XColor.FromArgb(0, 94, 165);
    internal static readonly XColor Muted = XColor.FromArgb(80, 90, 95);

    private const double Margin = 60;
    private const double QrSize = 92;
    private const double FooterLine = 13;

    public CertificatePdf() => CertificateFonts.Install();

    private const double LogoHeight = 40;
    private const double SignatureWidth = 230;

    /// <param name="identity">The provider's logo and signatory the certificate was issued with; null prints neither.</param>
    public byte[] Render(Certificate certificate, string verificationUrl, Identity.PrintedIdentity? identity = null)
    {
        var text = new PrintedText(CertificateText.For(certificate.Language), certificate);
        using var document = new PdfDocument();
        document.Language = certificate.Language;
        document.Info.Title = $"{text.Heading} – {certificate.CourseTitle}";
        document.Info.Author = certificate.Provider;
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

            var footerTop = height - 44 - QrSize;
            var bodyTop = 56.0;
            if (identity?.LogoPng is { } logo)
            {
                DrawImage(gfx, logo, centreX: width / 2, top: 44, maxWidth: 200, maxHeight: LogoHeight);
                bodyTop += LogoHeight;
            }

            var body = FitBody(gfx, text, width, top: bodyTop, bottom: footerTop - 12);
            foreach (var line in body)
            {
                var lineWidth = PdfText.Width(gfx, line.Text, line.Font);
                PdfText.Draw(gfx, line.Text, line.Font, new XSolidBrush(line.Color), (width - lineWidth) / 2, line.Y);
            }

            DrawFooter(gfx, certificate, text, verificationUrl, footerTop);
            DrawQrCode(gfx, verificationUrl, x: width - Margin - QrSize, y: footerTop, size: QrSize);
            if (identity?.SignatoryName is { } signatory)
            {
                DrawSignatory(gfx, signatory, identity.SignatoryTitle, identity.SignaturePng, centreX: width - Margin - QrSize - 24 - SignatureWidth / 2, top: footerTop);
            }
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private sealed record PlacedLine(string Text, XFont Font, XColor Color, double Y);

    private sealed record Block(string Text, double Size, bool Bold, XColor Color, double WrapWidth, double SpaceAfter);

    /// <summary>
    /// Lays out the centred body at the largest scale at which it fits above the footer, so a long
    /// name, title or statement shrinks the type instead of running into the QR code. The
    /// attestation sits at the top, the accreditation and designation statements just above the
    /// footer, and spare height is shared between the top margin and the gap between them.
    /// </summary>
    private static List<PlacedLine> FitBody(XGraphics gfx, PrintedText text, double width, double top, double bottom)
    {
        var certificate = text.Certificate;
        var full = width - 2 * Margin;
        var attestation = new List<Block>
        {
            new(certificate.Provider, 13, true, Accent, full, 8),
            new(text.Heading, 28, true, Ink, full, 8),
            new(text.Certifies, 12, false, Muted, full, 4),
            new(certificate.RecipientName, 26, true, Ink, full - 80, 4),
            new(certificate.Profession, 11, false, Muted, full, 10),
            new(text.Completed, 12, false, Muted, full, 4),
            new(certificate.CourseTitle, 18, true, Ink, full - 60, 8),
            new(text.FormatAndDate, 11.5, false, Ink, full, 3),
            new(text.Credit, 11.5, true, Ink, full, 0),
        };
        var statements = new List<Block>
        {
            new(text.Accreditation, 9, false, Muted, full - 20, 4),
            new(text.Designation, 9, false, Muted, full - 20, 0),
        };

        for (var scale = 1.0; ; scale -= 0.05)
        {
            var upper = Place(gfx, attestation, scale, top);
            var lower = Place(gfx, statements, scale, 0);
            var lowerHeight = Bottom(lower);
            var gap = bottom - lowerHeight - Bottom(upper);
            if (gap >= 12 * scale || scale <= 0.5)
            {
                var shift = Math.Clamp((gap - 12) * 0.3, 0, 28);
                return
                [
                    .. upper.Select(line => line with { Y = line.Y + shift }),
                    .. lower.Select(line => line with { Y = line.Y + bottom - lowerHeight }),
                ];
            }
        }
    }

    private static double Bottom(List<PlacedLine> lines) => lines.Count == 0 ? 0 : lines[^1].Y + lines[^1].Font.GetHeight();

    private static List<PlacedLine> Place(XGraphics gfx, List<Block> blocks, double scale, double top)
    {
        var placed = new List<PlacedLine>();
        var y = top;
        foreach (var block in blocks)
        {
            var font = Font(block.Size * scale, block.Bold);
            var lineHeight = font.GetHeight();
            foreach (var line in PdfText.Wrap(gfx, block.Text, font, block.WrapWidth))
            {
                placed.Add(new PlacedLine(line, font, block.Color, y));
                y += lineHeight;
            }

            y += block.SpaceAfter * scale;
        }

        return placed;
    }

    private static void DrawFooter(XGraphics gfx, Certificate certificate, PrintedText text, string verificationUrl, double top)
    {
        var font = Font(9);
        var brush = new XSolidBrush(Muted);
        var lines = new[]
        {
            text.Wording.Label(text.Wording.CertificateNumber, certificate.Code),
            text.Wording.Label(text.Wording.ContentVersion, certificate.ContentVersion),
            text.IssuedLine,
            text.Wording.VerifyAt,
        };
        var y = top + (QrSize - (lines.Length + 1) * FooterLine) / 2;
        foreach (var line in lines)
        {
            PdfText.Draw(gfx, line, font, brush, Margin, y);
            y += FooterLine;
        }

        PdfText.Draw(gfx, verificationUrl, Font(9, bold: true), new XSolidBrush(Accent), Margin, y);
    }

    /// <summary>
    /// The signatory between the footer's text and the QR code: the signature image (if any) above a line, the name
    /// and title below it.
    /// </summary>
    private static void DrawSignatory(XGraphics gfx, string name, string? title, byte[]? signature, double centreX, double top)
    {
        const double imageHeight = 38;
        var lineY = top + imageHeight + 4;
        if (signature is not null)
        {
            DrawImage(gfx, signature, centreX, top, SignatureWidth, imageHeight);
        }

        gfx.DrawLine(new XPen(Muted, 0.5), centreX - SignatureWidth / 2, lineY, centreX + SignatureWidth / 2, lineY);
        var y = lineY + 4;
        foreach (var (text, font) in new[] { (name, Font(10, bold: true)), (title ?? "", Font(8.5)) })
        {
            foreach (var line in PdfText.Wrap(gfx, text, font, SignatureWidth).Take(2))
            {
                PdfText.Draw(gfx, line, font, new XSolidBrush(Ink), centreX - PdfText.Width(gfx, line, font) / 2, y);
                y += font.GetHeight();
            }
        }
    }

    /// <summary>A PNG (checked when it was saved) scaled to fit the box, centred on <paramref name="centreX"/>.</summary>
    private static void DrawImage(XGraphics gfx, byte[] png, double centreX, double top, double maxWidth, double maxHeight)
    {
        // Not disposed here: the document reads the image again when it is saved.
        var image = XImage.FromStream(new MemoryStream(png, writable: false));
        var scale = Math.Min(maxWidth / image.PixelWidth, maxHeight / image.PixelHeight);
        var (w, h) = (image.PixelWidth * scale, image.PixelHeight * scale);
        gfx.DrawImage(image, centreX - w / 2, top + (maxHeight - h) / 2, w, h);
    }

    internal static XFont Font(double size, bool bold = false) =>
        new(CertificateFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    /// <summary>Draws the QR code as filled runs of modules: real vector shapes, sharp at any zoom.</summary>
    private static void DrawQrCode(XGraphics gfx, string url, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var module = size / modules.Count;
        var brush = XBrushes.Black;
        for (var row = 0; row < modules.Count; row++)
        {
            var column = 0;
            while (column < modules.Count)
            {
                if (!modules[row][column])
                {
                    column++;
                    continue;
                }

                var start = column;
                while (column < modules.Count && modules[row][column])
                {
                    column++;
                }

                // Slight overlap avoids hairline gaps between rows in some viewers.
                gfx.DrawRectangle(brush, x + start * module, y + row * module, (column - start) * module + 0.05, module + 0.05);
            }
        }
    }

    /// <summary>The record's printed sentences in the course's language.</summary>
    private sealed record PrintedText(CertificateText Wording, Certificate Certificate)
    {
        public string Heading => Wording.Heading(Certificate.Kind);
        public string Certifies => Wording.Certifies;
        public string Completed => Wording.Completed;
        public string FormatAndDate =>
            $"{Wording.Label(Wording.FormatLabel, Certificate.Format)} · {string.Format(Wording.Culture, Wording.CompletedOn, Wording.Date(Certificate.CompletedOn))}";
        public string Credit => Wording.CreditLine(Certificate);
        public string Accreditation => Wording.Label(Wording.AccreditationLabel, Certificate.AccreditationStatement);
        public string Designation => Wording.Label(Wording.DesignationLabel, Certificate.CreditDesignation);
        public string IssuedLine => Certificate.Revision > 1
            ? $"{Wording.Label(Wording.Issued, Wording.Date(Certificate.IssuedAt))} {string.Format(Wording.Culture, Wording.IssueNumber, Certificate.Revision)}"
            : Wording.Label(Wording.Issued, Wording.Date(Certificate.IssuedAt));
    }
}
