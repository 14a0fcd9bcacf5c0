using System.ComponentModel.DataAnnotations;
using System.Text;

namespace NmosdLearn.Web.Features.Shared;

/// <summary>
/// The one rule for a line of text a person types and others read (a name, a specialty, a country, a note on one
/// line): it holds no control character (Unicode category Cc: line feed, carriage return, tab, NUL, bell, DEL, the C1
/// controls...), no line or paragraph separator (U+2028, U+2029), and no text-direction control (U+061C, U+200E,
/// U+200F, the embeddings and overrides U+202A-U+202E, the isolates U+2066-U+2069). Such characters are refused where
/// the text is typed (<see cref="TextLineAttribute"/>) and removed where text stored before the rule, or sent by
/// another system (an LMS), is shown, printed or exported (<see cref="Clean"/>): a line break could start a paragraph
/// in an email, and an override (U+202E) shows "exe.pdf" as "fdp.exe".
/// </summary>
public static class TextLine
{
    public static bool IsRefused(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    public static bool IsDirectionControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>
    /// Multi-line text (comments, reasons) keeps its lines but loses its text-direction controls, which would show
    /// it in another order than it was written.
    /// </summary>
    public static string WithoutDirectionControls(string text) =>
        text.AsSpan().IndexOfAny(DirectionControls) < 0 ? text : string.Concat(text.Where(c => !IsDirectionControl(c)));

    private static readonly System.Buffers.SearchValues<char> DirectionControls =
        System.Buffers.SearchValues.Create("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    public static bool IsClean(string? text) => text is null || !text.AsSpan().ContainsAny(Refused);

    /// <summary>
    /// The text as one clean line: each control character, line or paragraph separator becomes a space (runs of
    /// spaces become one), text-direction controls are dropped, and the ends are trimmed.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text) || IsClean(text))
        {
            return text?.Trim() ?? "";
        }

        var line = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (IsDirectionControl(c))
            {
                continue;
            }

            var space = IsRefused(c) || c == ' ';
            if (space && (line.Length == 0 || line[^1] == ' '))
            {
                continue;
            }

            line.Append(space ? ' ' : c);
        }

        return line.ToString().Trim();
    }

    private static readonly System.Buffers.SearchValues<char> Refused =
        System.Buffers.SearchValues.Create(Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(IsRefused).ToArray());
}

/// <summary>Refuses a value that breaks <see cref="TextLine"/>'s rule; the form shows the message beside the field.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TextLineAttribute : ValidationAttribute
{
    public TextLineAttribute()
    {
        ErrorMessage = "This cannot contain line breaks, control characters or text-direction characters";
    }

    public override bool IsValid(object? value) => value is not string text || TextLine.IsClean(text);
}
