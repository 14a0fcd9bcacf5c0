using System.Text.RegularExpressions;
using Markdig.Extensions.CustomContainers;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using NmosdLearn.Content.Loading;
using NmosdLearn.Content.Markdown;

namespace NmosdLearn.Content.Quizzes;

/// <summary>
/// Reads a <c>::: question ID [single|multiple|true-false]</c> container: the stem, then a task list whose
/// checked items are the correct answers, then a block quote that explains the answer.
/// </summary>
internal static partial class QuestionParser
{
    private static readonly Dictionary<string, QuestionType> Types = new()
    {
        ["single"] = QuestionType.Single,
        ["multiple"] = QuestionType.Multiple,
        ["true-false"] = QuestionType.TrueFalse,
    };

    /// <summary>Written after the type in a test question's header: the lesson the question assesses.</summary>
    public const string LessonArgument = "lesson=";

    public static Question? Parse(CustomContainer container, CourseHtmlRenderer html, DiagnosticBag bag)
    {
        var line = container.Line + 1;
        var column = container.Column + 1;
        var arguments = (container.Arguments ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (arguments.Length == 0)
        {
            bag.Error(line, column, "question has no id: write '::: question your-id'");
            return null;
        }

        var id = arguments[0];
        var errorsBefore = bag.Items.Count;
        if (!IdPattern().IsMatch(id))
        {
            bag.Error(line, column, $"question id '{Loading.TextChecks.Visible(id)}' may use only lowercase letters, digits and hyphens");
        }

        var type = QuestionType.Single;
        string? lessonId = null;
        var typeSeen = false;
        foreach (var argument in arguments.Skip(1))
        {
            if (argument.StartsWith(LessonArgument, StringComparison.Ordinal) && lessonId is null)
            {
                lessonId = argument[LessonArgument.Length..];
                if (!IdPattern().IsMatch(lessonId))
                {
                    bag.Error(line, column, $"question '{id}': '{argument}' must name a lesson id, such as 'lesson=first-steps'");
                }
            }
            else if (!typeSeen && lessonId is null && Types.TryGetValue(argument, out var declared))
            {
                type = declared;
                typeSeen = true;
            }
            else if (!typeSeen && lessonId is null)
            {
                bag.Error(line, column, $"question '{id}': unknown type '{argument}'; use single, multiple or true-false");
                typeSeen = true;
            }
            else
            {
                bag.Error(line, column, $"question '{id}': unexpected '{argument}'; write '::: question {id} [type] [lesson=lesson-id]'");
            }
        }

        var stem = new List<Block>();
        ListBlock? list = null;
        QuoteBlock? explanation = null;
        foreach (var block in container)
        {
            switch (block)
            {
                case ListBlock l when list is null && explanation is null:
                    list = l;
                    break;
                case QuoteBlock q when list is not null && explanation is null:
                    explanation = q;
                    break;
                case var other when list is null:
                    stem.Add(other);
                    break;
                default:
                    bag.Error(block.Line + 1, block.Column + 1,
                        $"question '{id}': unexpected content after the options; only the explanation ('> ...') may follow them");
                    break;
            }
        }

        if (stem.Count == 0)
        {
            bag.Error(line, column, $"question '{id}' has no question text before its options");
        }

        var options = list is null ? [] : ReadOptions(id, list, html, bag);
        if (list is null)
        {
            bag.Error(line, column, $"question '{id}' has no options: list them as '- [ ] wrong' and '- [x] correct'");
        }

        var correct = options.Where(o => o.Correct).Select(o => o.Option.Key).ToHashSet();
        if (list is not null && options.Count > 0 && correct.Count == 0)
        {
            bag.Error(line, column, $"question '{id}' has no correct answer: mark it with '[x]'");
        }

        if (type == QuestionType.Single && correct.Count > 1)
        {
            bag.Error(line, column, $"question '{id}' is single-answer but marks {correct.Count} options correct; mark one, or write '::: question {id} multiple'");
        }

        if (type == QuestionType.TrueFalse && (options.Count != 2 || correct.Count != 1))
        {
            bag.Error(line, column, $"question '{id}' is true-false: it needs exactly two options, one marked '[x]'");
        }

        if (explanation is null)
        {
            bag.Error(line, column, $"question '{id}' has no explanation: add a block quote ('> ...') after the options");
        }

        if (bag.Items.Skip(errorsBefore).Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        return new Question(
            id,
            type,
            string.Concat(stem.Select(b => html.Render(b).Trim())),
            options.Select(o => o.Option).ToList(),
            correct,
            string.Concat(explanation!.Select(b => html.Render(b).Trim())),
            CitedReferences(explanation!),
            line)
        {
            LessonId = lessonId,
        };
    }

    private static List<(QuestionOption Option, bool Correct)> ReadOptions(string id, ListBlock list, CourseHtmlRenderer html, DiagnosticBag bag)
    {
        var options = new List<(QuestionOption, bool)>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var number = options.Count + 1;
            if (item.Count == 0 || item[0] is not ParagraphBlock paragraph || paragraph.Inline?.FirstChild is not TaskList task)
            {
                bag.Error(item.Line + 1, item.Column + 1,
                    $"question '{id}': option {number} must start with '[ ]' (wrong) or '[x]' (correct)");
                continue;
            }

            if (item.Count > 1)
            {
                bag.Error(item.Line + 1, item.Column + 1, $"question '{id}': option {number} must be a single paragraph");
            }

            task.Remove();
            var text = PageParser.InlineText(paragraph.Inline);
            if (text.Length == 0)
            {
                bag.Error(item.Line + 1, item.Column + 1, $"question '{id}': option {number} is empty");
                continue;
            }

            if (seen.TryGetValue(text, out var first))
            {
                bag.Error(item.Line + 1, item.Column + 1, $"question '{id}': option {number} repeats option {first} ('{text}')");
                continue;
            }

            seen[text] = number;
            var key = ((char)('a' + options.Count)).ToString();
            options.Add((new QuestionOption(key, html.Render(paragraph, implicitParagraph: true).Trim()), task.Checked));
        }

        return options;
    }

    private static List<string> CitedReferences(QuoteBlock explanation) =>
        explanation.Descendants<FootnoteLink>()
            .Where(link => !link.IsBackLink)
            .Select(link => string.Join(' ', link.Footnote.OfType<ParagraphBlock>().Select(p => PageParser.InlineText(p.Inline))))
            .Distinct()
            .ToList();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
