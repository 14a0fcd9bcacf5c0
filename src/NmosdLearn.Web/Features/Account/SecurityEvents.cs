namespace NmosdLearn.Web.Features.Account;

/// <summary>
/// Event ids of account and session events, so an operator can search and alert on them. Messages never
/// hold a password, a token or a whole email address (see <see cref="MaskEmail"/>).
/// </summary>
public static class SecurityEvents
{
    public static readonly EventId SignInSucceeded = new(1001, nameof(SignInSucceeded));
    public static readonly EventId SignInFailed = new(1002, nameof(SignInFailed));
    public static readonly EventId SignInThrottled = new(1003, nameof(SignInThrottled));
    public static readonly EventId SignedOut = new(1004, nameof(SignedOut));
    public static readonly EventId SessionRefused = new(1005, nameof(SessionRefused));
    public static readonly EventId SignInLocked = new(1006, nameof(SignInLocked));
    public static readonly EventId SessionEndedByOwner = new(1007, nameof(SessionEndedByOwner));
    public static readonly EventId Reauthenticated = new(1008, nameof(Reauthenticated));
    public static readonly EventId Registered = new(1010, nameof(Registered));
    public static readonly EventId RegistrationForExistingEmail = new(1011, nameof(RegistrationForExistingEmail));
    public static readonly EventId EmailConfirmed = new(1012, nameof(EmailConfirmed));
    public static readonly EventId PasswordResetRequested = new(1020, nameof(PasswordResetRequested));
    public static readonly EventId PasswordReset = new(1021, nameof(PasswordReset));
    public static readonly EventId PasswordChanged = new(1022, nameof(PasswordChanged));
    public static readonly EventId EmailChangeRequested = new(1023, nameof(EmailChangeRequested));
    public static readonly EventId EmailChanged = new(1024, nameof(EmailChanged));
    public static readonly EventId TwoFactorEnabled = new(1030, nameof(TwoFactorEnabled));
    public static readonly EventId TwoFactorDisabled = new(1031, nameof(TwoFactorDisabled));
    public static readonly EventId RecoveryCodeUsed = new(1032, nameof(RecoveryCodeUsed));
    public static readonly EventId RateLimited = new(1040, nameof(RateLimited));
    public static readonly EventId AccountDeleted = new(1050, nameof(AccountDeleted));

    /// <summary>"j***@example.org": enough to tell accounts apart in a log, not enough to collect addresses.</summary>
    public static string MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email) || email.IndexOf('@') is var at && at < 1)
        {
            return "(none)";
        }

        return $"{email[0]}***{email[at..]}";
    }

    /// <summary>
    /// The client's network, not the client: an IPv4 address to its /24 ("203.0.113.0/24"), an IPv6 address to its
    /// /48. Enough to see an attack come from one network, not enough to identify a person (logs hold no personal data).
    /// </summary>
    public static string MaskAddress(string? address)
    {
        if (!System.Net.IPAddress.TryParse(address, out var ip))
        {
            return "(unknown)";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        var bytes = ip.GetAddressBytes();
        var keep = bytes.Length == 4 ? 3 : 6;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return $"{new System.Net.IPAddress(bytes)}/{keep * 8}";
    }
}
