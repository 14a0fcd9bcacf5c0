using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using netDumbster.smtp;

namespace NmosdLearn.Web.Tests;

/// <summary>
/// A real SMTP server inside the test process (netDumbster on a free loopback port): the app sends its
/// account email here over SMTP exactly as it would to a hospital's mail server, and tests read it back.
/// </summary>
public sealed partial class TestMailbox : IDisposable
{
    private readonly SimpleSmtpServer _server = SimpleSmtpServer.Start(Configuration.Configure().WithRandomPort().Port);

    public int Port => _server.Configuration.Port;

    /// <summary>Every message received for an address, oldest first (the server's own list has no order).</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        _server.ReceivedEmail
            .Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)))
            .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .OrderBy(m => m.Date)
            .ToList();

    /// <summary>The ids of the messages an address has received so far, so a later wait can ignore them.</summary>
    public IReadOnlySet<string> MessageIds(string address) => MessagesTo(address).Select(m => m.MessageId ?? "").ToHashSet();

    /// <summary>
    /// Waits (briefly) for a message to an address whose text holds a link to a path, and returns the link's
    /// path and query; messages whose ids are in <paramref name="ignore"/> do not count.
    /// </summary>
    public async Task<string> LinkAsync(string address, string path, IReadOnlySet<string>? ignore = null)
    {
        for (var i = 0; i < 50; i++)
        {
            var link = MessagesTo(address).Where(m => ignore is null || !ignore.Contains(m.MessageId ?? ""))
                .Select(m => Link().Matches(m.TextBody ?? "").Select(x => new Uri(x.Value)).LastOrDefault(u => u.AbsolutePath == path))
                .LastOrDefault(u => u is not null);
            if (link is not null)
            {
                return link.PathAndQuery;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException($"no email to {address} with a link to {path}");
    }

    public void Dispose() => _server.Stop();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
