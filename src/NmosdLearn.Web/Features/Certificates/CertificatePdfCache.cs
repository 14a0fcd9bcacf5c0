using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>
/// Certificate PDFs, rendered once per issue and kept while people download them. An issue never changes (a
/// correction is a new issue with its own id, and a revoked one is not served), and neither does the identity version
/// it prints (a change of logo or signatory is a new version, which only later certificates name), so nothing needs
/// invalidating; the version is part of the key all the same, so a PDF is never served with another identity.
/// Requests for a PDF being rendered wait for that render, and renders take turns, at most one per processor:
/// a rush on a new certificate (a learner clicking twice, a cohort at once) rendered it once per request, each
/// with its fonts in memory (+50 MB in the load benchmark's first second of downloads).
/// </summary>
public sealed class CertificatePdfCache(IMemoryCache cache, CertificatePdf pdf)
{
    private readonly SemaphoreSlim _renderers = new(Environment.ProcessorCount);
    private readonly ConcurrentDictionary<(Guid Issue, int? Identity, string Url), Lazy<Task<byte[]>>> _rendering = new();
    private int _renders;

    /// <summary>How many PDFs this process rendered (the tests count them).</summary>
    public int Renders => _renders;

    public Task<byte[]> GetAsync(Certificate certificate, Identity.PrintedIdentity? identity, string verificationUrl, CancellationToken cancellationToken)
    {
        var key = (certificate.Id, identity?.Id, verificationUrl);
        if (cache.TryGetValue(("certificate-pdf", key), out byte[]? bytes))
        {
            return Task.FromResult(bytes!);
        }

        // One render per key, shared by every request that asks meanwhile; a request that gives up does not stop it.
        var render = _rendering.GetOrAdd(key, _ => new Lazy<Task<byte[]>>(() => RenderAsync(key, certificate, identity)));
        return render.Value.WaitAsync(cancellationToken);
    }

    private async Task<byte[]> RenderAsync((Guid Issue, int? Identity, string Url) key, Certificate certificate, Identity.PrintedIdentity? identity)
    {
        await _renderers.WaitAsync();
        try
        {
            if (!cache.TryGetValue(("certificate-pdf", key), out byte[]? bytes))
            {
                bytes = pdf.Render(certificate, key.Url, identity);
                Interlocked.Increment(ref _renders);
                cache.Set(("certificate-pdf", key), bytes, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
            }

            return bytes!;
        }
        finally
        {
            _renderers.Release();
            _rendering.TryRemove(key, out _);
        }
    }
}
