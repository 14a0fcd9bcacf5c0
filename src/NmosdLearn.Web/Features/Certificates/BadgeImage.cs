using System.Net;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>The image of a course's achievement: a plain medal with the course title, drawn as SVG by the platform.</summary>
public static class BadgeImage
{
    public static string Svg(string title, string provider)
    {
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<string>();
        var line = "";
        foreach (var word in words)
        {
            if (line.Length > 0 && line.Length + word.Length > 18)
            {
                lines.Add(line);
                line = "";
            }

            line = line.Length == 0 ? word : line + " " + word;
        }

        lines.Add(line);
        var shown = lines.Take(4).Select((text, i) =>
            $"<text x=\"128\" y=\"{112 + i * 20 - (Math.Min(lines.Count, 4) - 1) * 10}\" text-anchor=\"middle\" font-size=\"16\" font-family=\"sans-serif\" fill=\"#1d2b44\">{WebUtility.HtmlEncode(text)}</text>");
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" viewBox=\"0 0 256 256\" role=\"img\" aria-label=\""
            + WebUtility.HtmlEncode(title) + "\">"
            + "<circle cx=\"128\" cy=\"128\" r=\"120\" fill=\"#f3f5f9\" stroke=\"#3d4f6e\" stroke-width=\"8\"/>"
            + "<circle cx=\"128\" cy=\"128\" r=\"100\" fill=\"none\" stroke=\"#3d4f6e\" stroke-width=\"2\"/>"
            + string.Concat(shown)
            + $"<text x=\"128\" y=\"206\" text-anchor=\"middle\" font-size=\"12\" font-family=\"sans-serif\" fill=\"#3d4f6e\">{WebUtility.HtmlEncode(provider)}</text>"
            + "</svg>";
    }
}
