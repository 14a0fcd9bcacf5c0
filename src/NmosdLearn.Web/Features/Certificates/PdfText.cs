using System.Text;
using PdfSharp.Drawing;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>Line breaking for PDFsharp, which draws single lines only.</summary>
internal static class PdfText
{
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
        foreach (var token in Tokens(text.Normalize(NormalizationForm.FormC)))
        {
            var tokenWidth = gfx.MeasureString(token.TrimEnd(), font).Width;
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
            lineWidth += gfx.MeasureString(token, font).Width;
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
            if (piece.Length > 0 && gfx.MeasureString(piece.ToString() + ch, font).Width > maxWidth)
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
