using MailKit.Security;

namespace NmosdLearn.Web.Features.Account.Email;

/// <summary>
/// How the platform sends email (<c>Email</c> section). Either an SMTP server, or a pickup folder where each
/// message is written as an .eml file (Development uses one, with a page that lists the messages).
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender address, such as learning@hospital.example.</summary>
    public string From { get; set; } = "";

    public string FromName { get; set; } = "NmosdLearn";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>A folder to write messages to instead of sending them; relative paths are under the data folder.</summary>
    public string? PickupFolder { get; set; }

    public bool UsesPickupFolder => !string.IsNullOrWhiteSpace(PickupFolder);
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>StartTls (port 587, the default), SslOnConnect (465), Auto, or None (a local relay only).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? Username { get; set; }

    public string? Password { get; set; }
}
