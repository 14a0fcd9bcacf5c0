using System.Collections.Concurrent;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>
/// Text for PDFsharp, which draws single lines in a single font: line breaking, and drawing each
/// letter in the first of the certificate fonts that has it.
/// </summary>
internal static class PdfText
{
    private static readonly ConcurrentDictionary<int, bool> PrimaryHas = new();
    private static readonly ConcurrentDictionary<int, bool> FallbackHas = new();

    /// <summary>Draws one line with its top at <paramref name="top"/>; every run shares the primary font's baseline.</summary>
    public static void Draw(XGraphics gfx, string text, XFont font, XBrush brush, double x, double top)
    {
        var baseline = top + font.Metrics.Ascent * font.Size / font.Metrics.UnitsPerEm;
        foreach (var (run, runFont) in Runs(Printable(text), font))
        {
            gfx.DrawString(run, runFont, brush, new XPoint(x, baseline), XStringFormats.BaseLineLeft);
            x += gfx.MeasureString(run, runFont).Width;
        }
    }

    public static double Width(XGraphics gfx, string text, XFont font)
    {
        var runs = Runs(Printable(text), font);
        return runs.Count == 1 ? gfx.MeasureString(runs[0].Text, runs[0].Font).Width : runs.Sum(r => gfx.MeasureString(r.Text, r.Font).Width);
    }

    /// <summary>
    /// Consecutive letters grouped by the font that has them: the primary font where it can, the
    /// fallback where only it has the letter. A letter neither has stays in the primary font.
    /// </summary>
    private static List<(string Text, XFont Font)> Runs(string text, XFont font)
    {
        var runs = new List<(string, XFont)>();
        var run = new StringBuilder();
        var inFallback = false;
        XFont? fallback = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var useFallback = !Rune.IsWhiteSpace(rune) && !Has(PrimaryHas, rune.Value, font)
                && Has(FallbackHas, rune.Value, fallback ??= new XFont(CertificateFonts.FallbackFamily, font.Size, font.Style));
            if (useFallback != inFallback && run.Length > 0)
            {
                runs.Add((run.ToString(), inFallback ? fallback! : font));
                run.Clear();
            }

            inFallback = useFallback;
            run.Append(rune.ToString());
        }

        if (run.Length > 0 || runs.Count == 0)
        {
            runs.Add((run.ToString(), inFallback ? fallback! : font));
        }

        return runs;
    }

    /// <summary>
    /// Text as it may be printed: one clean line (no control or text-direction character, whatever was stored; see
    /// <see cref="Shared.TextLine"/>), in NFC so a name typed with combining accents prints with precomposed letters.
    /// </summary>
    private static string Printable(string text) => Shared.TextLine.Clean(text).Normalize(NormalizationForm.FormC);

    private static bool Has(ConcurrentDictionary<int, bool> cache, int codePoint, XFont font) =>
        cache.GetOrAdd(codePoint, static (cp, f) => GlyphHelper.GlyphIndexFromCodePoint(cp, f) != 0, font);

    /// <summary>
    /// Splits text into lines no wider than <paramref name="maxWidth"/>. Lines break at spaces, and
    /// between any two Chinese characters (Chinese has no spaces); a word wider than a whole line is
    /// broken between letters. Text is normalized to NFC first so that a name typed with combining
    /// accents prints with the font's precomposed letters.
    /// </summary>
    public static List<string> Wrap(XGraphics gfx, string text, XFont font, double maxWidth)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        var lineWidth = 0.0;
        foreach (var token in Tokens(Printable(text)))
        {
            var tokenWidth = Width(gfx, token.TrimEnd(), font);
            if (line.Length > 0 && lineWidth + tokenWidth > maxWidth)
            {
                lines.Add(line.ToString().TrimEnd());
                line.Clear();
                lineWidth = 0;
            }

            if (line.Length == 0 && tokenWidth > maxWidth)
            {
                foreach (var piece in BreakWord(gfx, token.TrimEnd(), font, maxWidth))
                {
                    lines.Add(piece);
                }

                continue;
            }

            if (line.Length == 0 && token.Trim().Length == 0)
            {
                continue;
            }

            line.Append(token);
            lineWidth += Width(gfx, token, font);
        }

        if (line.ToString().Trim().Length > 0)
        {
            lines.Add(line.ToString().TrimEnd());
        }

        return lines;
    }

    /// <summary>Words with their trailing spaces, and each Chinese character on its own.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var token = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (IsIdeographic(ch))
            {
                if (token.Length > 0)
                {
                    yield return token.ToString();
                    token.Clear();
                }

                yield return ch.ToString();
                continue;
            }

            token.Append(ch);
            if (ch == ' ' && (i + 1 == text.Length || text[i + 1] != ' '))
            {
                yield return token.ToString();
                token.Clear();
            }
        }

        if (token.Length > 0)
        {
            yield return token.ToString();
        }
    }

    private static IEnumerable<string> BreakWord(XGraphics gfx, string word, XFont font, double maxWidth)
    {
        var piece = new StringBuilder();
        foreach (var ch in word)
        {
            if (piece.Length > 0 && Width(gfx, piece.ToString() + ch, font) > maxWidth)
            {
                yield return piece.ToString();
                piece.Clear();
            }

            piece.Append(ch);
        }

        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    /// <summary>CJK ideographs, kana, Hangul and full-width forms: a line may break on either side of each.</summary>
    private static bool IsIdeographic(char ch) =>
        ch is >= '\u2E80' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';
}
