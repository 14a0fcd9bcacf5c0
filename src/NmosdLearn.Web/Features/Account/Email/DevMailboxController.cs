using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MimeKit;
using NmosdLearn.Web.Features.Account.Email;

namespace NmosdLearn.Web.Features.Account;

/// <summary>One message in the development mailbox, with the links its text holds.</summary>
public sealed record DevMailboxMessage(DateTimeOffset Date, string To, string Subject, string Text, IReadOnlyList<string> Links);

/// <summary>
/// The pickup folder as a mailbox, so the run command works offline: a developer (or a browser test)
/// reads the confirmation and reset emails here. It exists only in Development and Testing.
/// </summary>
public sealed partial class DevMailboxController(IOptions<EmailOptions> options, IHostEnvironment environment) : Controller
{
    [HttpGet("/dev/mail")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var folder = options.Value.PickupFolder;
        if (!(environment.IsDevelopment() || environment.IsEnvironment("Testing")) || string.IsNullOrWhiteSpace(folder))
        {
            return NotFound();
        }

        var messages = new List<DevMailboxMessage>();
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").OrderDescending().Take(50) : [];
        foreach (var file in files)
        {
            var message = await MimeMessage.LoadAsync(file, cancellationToken);
            var text = message.TextBody ?? "";
            messages.Add(new DevMailboxMessage(message.Date, string.Join(", ", message.To.Mailboxes.Select(m => m.Address)), message.Subject ?? "", text,
                Link().Matches(text).Select(m => m.Value).Distinct().ToList()));
        }

        return View("DevMailbox", messages);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
