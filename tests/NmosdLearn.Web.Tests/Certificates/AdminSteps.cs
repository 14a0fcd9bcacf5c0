namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>What an administrator does on the certificate pages, through the real forms.</summary>
public static class AdminSteps
{
    public static Task<HttpResponseMessage> RevokeAsync(this TestClient admin, string code, string reason) =>
        admin.SubmitAsync($"/admin/certificates/{code}", $"/admin/certificates/{code}/revoke", [new("Reason", reason)]);

    public static Task<HttpResponseMessage> ReissueAsync(this TestClient admin, string code, string recipientName, string note) =>
        admin.SubmitAsync($"/admin/certificates/{code}", $"/admin/certificates/{code}/reissue", [new("RecipientName", recipientName), new("Note", note)]);

    public static Task<HttpResponseMessage> IssueManuallyAsync(
        this TestClient admin, string email, string completedOn, string credits, string note, string courseId = LearnerSteps.Course) =>
        admin.SubmitAsync("/admin/certificates/issue", "/admin/certificates/issue",
        [
            new("Email", email), new("CourseId", courseId), new("CompletedOn", completedOn), new("Credits", credits), new("Note", note),
        ]);
}
