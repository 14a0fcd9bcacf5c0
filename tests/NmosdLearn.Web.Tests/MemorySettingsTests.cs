using System.Text.Json;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Tests;

/// <summary>The memory settings chosen with the load benchmark reach the runtime of a built platform.</summary>
public class MemorySettingsTests
{
    private static JsonElement PlatformRuntimeOptions()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "NmosdLearn.Web.runtimeconfig.json");
        using var file = JsonDocument.Parse(File.ReadAllText(path));
        return file.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void The_platform_runs_workstation_GC_with_a_capped_first_generation_and_no_tiered_PGO()
    {
        var options = PlatformRuntimeOptions();

        Assert.False(options.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(8 * 1024 * 1024, options.GetProperty("System.GC.Gen0MaxBudget").GetInt32());
        Assert.False(options.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }

    [Fact]
    public void Glibc_accepts_the_arena_limit()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null,
            "glibc's arenas exist on Linux only, and an operator's MALLOC_ARENA_MAX is left alone");

        Assert.True(NativeHeap.LimitArenas());
    }
}
