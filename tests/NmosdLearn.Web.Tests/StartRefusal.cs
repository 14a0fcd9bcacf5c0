namespace NmosdLearn.Web.Tests;

/// <summary>What a platform that refuses to start says, for the tests of unsafe or broken settings.</summary>
internal static class StartRefusal
{
    private static readonly Lock ConsoleCapture = new();

    /// <summary>
    /// Starts an app that must refuse to start; returns what it said: the line on standard error (a refused setting
    /// ends the start with exit code 78) and the exception the test host saw.
    /// </summary>
    public static string Of(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        lock (ConsoleCapture)
        {
            var original = Console.Error;
            using var captured = new StringWriter();
            Console.SetError(TextWriter.Synchronized(captured));
            try
            {
                return $"{Flatten(Assert.ThrowsAny<Exception>(() => factory.CreateClient()))} | {captured}";
            }
            finally
            {
                Console.SetError(original);
            }
        }
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.InnerException is null ? exception.Message : $"{exception.Message} | {Flatten(exception.InnerException)}";
}
