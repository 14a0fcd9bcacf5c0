using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using System.Text.Encodings.Web;
using MimeKit;

namespace NmosdLearn.Web.Features.Account.Email;

/// <summary>A message to send: plain text and HTML versions of the same content.</summary>
public sealed record OutgoingEmail(string To, string Subject, string Text, string Html)
{
    /// <summary>
    /// The platform's one layout of a message: paragraphs, at most one link as the action, more paragraphs, the name of
    /// the platform; every piece HTML-encoded, so text from people (names, review comments) can add no markup.
    /// </summary>
    public static OutgoingEmail Compose(string to, string subject, IEnumerable<string> before, (string Label, string Url)? action, IEnumerable<string> after)
    {
        var text = new System.Text.StringBuilder();
        var html = new System.Text.StringBuilder("<!doctype html><html><body style=\"font-family: sans-serif; line-height: 1.5\">");
        foreach (var paragraph in before)
        {
            text.AppendLine(paragraph).AppendLine();
            html.Append("<p>").Append(HtmlEncoder.Default.Encode(paragraph)).Append("</p>");
        }

        if (action is { } link)
        {
            text.AppendLine($"{link.Label}: {link.Url}").AppendLine();
            html.Append("<p><a href=\"").Append(HtmlEncoder.Default.Encode(link.Url)).Append("\">").Append(HtmlEncoder.Default.Encode(link.Label)).Append("</a></p>");
        }

        foreach (var paragraph in after)
        {
            text.AppendLine(paragraph).AppendLine();
            html.Append("<p>").Append(HtmlEncoder.Default.Encode(paragraph)).Append("</p>");
        }

        text.AppendLine("NmosdLearn");
        html.Append("<p>NmosdLearn</p></body></html>");
        return new OutgoingEmail(to, subject, text.ToString(), html.ToString());
    }
}

/// <summary>Sends account email through SMTP (MailKit), or writes it to the pickup folder.</summary>
public sealed class Mailer(IOptions<EmailOptions> options, ILogger<Mailer> logger)
{
    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.Date = DateTimeOffset.UtcNow;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();

        if (!settings.UsesPickupFolder && string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            // Only possible in Development or Testing: a production start without email is refused.
            logger.LogWarning("Email is not configured; \"{Subject}\" to {To} was not sent", email.Subject, SecurityEvents.MaskEmail(email.To));
            return;
        }

        if (settings.UsesPickupFolder)
        {
            Directory.CreateDirectory(settings.PickupFolder!);
            var path = Path.Combine(settings.PickupFolder!, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(path, cancellationToken);
            return;
        }

        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, settings.Smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Smtp.Username))
        {
            await client.AuthenticateAsync(settings.Smtp.Username, settings.Smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Sent \"{Subject}\" to {To}", email.Subject, SecurityEvents.MaskEmail(email.To));
    }
}
