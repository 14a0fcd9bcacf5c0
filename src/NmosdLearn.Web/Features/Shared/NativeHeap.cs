using System.Runtime.InteropServices;

namespace NmosdLearn.Web.Features.Shared;

/// <summary>
/// glibc gives each thread that meets a locked heap an arena of its own (up to 8 per core), and each keeps the
/// memory it once held (thread pool threads, SQLite, Kestrel's sockets). Two arenas instead of 16 on two cores: about
/// 8 MB less at the load benchmark's peak, the same throughput relative to B0. An operator's own MALLOC_ARENA_MAX wins.
/// </summary>
public static class NativeHeap
{
    private const int ArenaMaxOption = -8; // M_ARENA_MAX in glibc's malloc.h
    private const int ArenaCount = 2;

    /// <returns>true when the limit was set.</returns>
    public static bool LimitArenas()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
            return false;
        try
        {
            return SetMallocOption(ArenaMaxOption, ArenaCount) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // musl (Alpine) has no arenas to limit
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int SetMallocOption(int option, int value);
}
