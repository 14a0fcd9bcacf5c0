CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "FullName" TEXT NOT NULL,
    "Profession" TEXT NOT NULL,
    "Specialty" TEXT NOT NULL,
    "Country" TEXT NOT NULL,
    "LicenceNumber" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    "UserEmail" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "CertificateId" TEXT NULL,
    "CertificateCode" TEXT NULL,
    "BeforeJson" TEXT NULL,
    "AfterJson" TEXT NULL
);

CREATE TABLE "Certificates" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Certificates" PRIMARY KEY,
    "Code" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    "RecipientName" TEXT NOT NULL,
    "Profession" TEXT NOT NULL,
    "Provider" TEXT NOT NULL,
    "CourseId" TEXT NOT NULL,
    "CourseTitle" TEXT NOT NULL,
    "Format" TEXT NOT NULL,
    "ContentVersion" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "CreditType" TEXT NOT NULL,
    "Credits" TEXT NOT NULL,
    "CreditDesignation" TEXT NOT NULL,
    "AccreditationStatement" TEXT NOT NULL,
    "CompletedOn" TEXT NOT NULL,
    "IssuedAt" INTEGER NOT NULL,
    "IssuedByUserId" TEXT NULL,
    "Note" TEXT NULL,
    "ReplacesId" TEXT NULL,
    "SupersededAt" INTEGER NULL,
    "RevokedAt" INTEGER NULL,
    "RevokedReason" TEXT NULL
);

CREATE TABLE "CourseEvaluations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CourseEvaluations" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "CourseId" TEXT NOT NULL,
    "ContentVersion" TEXT NOT NULL,
    "ObjectiveRatingsJson" TEXT NOT NULL,
    "Relevance" INTEGER NOT NULL,
    "IntendedChange" TEXT NOT NULL,
    "PerceivedCommercialBias" INTEGER NOT NULL,
    "CommercialBiasComment" TEXT NULL,
    "OverallQuality" INTEGER NOT NULL,
    "SubmittedAt" INTEGER NOT NULL
);

CREATE TABLE "CourseVersionArchives" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CourseVersionArchives" PRIMARY KEY AUTOINCREMENT,
    "CourseId" TEXT NOT NULL,
    "ContentVersion" TEXT NOT NULL,
    "Files" BLOB NOT NULL,
    "ArchivedAt" INTEGER NOT NULL
);

CREATE TABLE "Enrollments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Enrollments" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "CourseId" TEXT NOT NULL,
    "ContentVersion" TEXT NOT NULL,
    "AcknowledgedAt" INTEGER NOT NULL,
    "LastLessonId" TEXT NULL,
    "LastActivityAt" INTEGER NOT NULL,
    "CreditsClaimed" TEXT NULL,
    "MinutesAttested" INTEGER NULL,
    "ClaimedAt" INTEGER NULL
);

CREATE TABLE "KnowledgeCheckAnswers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_KnowledgeCheckAnswers" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "CourseId" TEXT NOT NULL,
    "QuestionId" TEXT NOT NULL,
    "ContentVersion" TEXT NOT NULL,
    "SelectedJson" TEXT NOT NULL,
    "IsCorrect" INTEGER NOT NULL,
    "AnsweredAt" INTEGER NOT NULL
);

CREATE TABLE "LessonProgress" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LessonProgress" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "CourseId" TEXT NOT NULL,
    "LessonId" TEXT NOT NULL,
    "ContentVersion" TEXT NOT NULL,
    "CompletedAt" INTEGER NOT NULL
);

CREATE TABLE "QuizAttempts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_QuizAttempts" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "CourseId" TEXT NOT NULL,
    "ContentVersion" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "AnswersJson" TEXT NOT NULL,
    "OrderJson" TEXT NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    "SubmittedAt" INTEGER NULL,
    "Correct" INTEGER NOT NULL,
    "Total" INTEGER NOT NULL,
    "ScorePercent" INTEGER NOT NULL,
    "Passed" INTEGER NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

CREATE INDEX "IX_AuditEntries_CertificateCode" ON "AuditEntries" ("CertificateCode");

CREATE UNIQUE INDEX "IX_Certificates_Code" ON "Certificates" ("Code") WHERE "SupersededAt" IS NULL;

CREATE INDEX "IX_Certificates_UserId_CourseId" ON "Certificates" ("UserId", "CourseId");

CREATE UNIQUE INDEX "IX_CourseEvaluations_UserId_CourseId" ON "CourseEvaluations" ("UserId", "CourseId");

CREATE UNIQUE INDEX "IX_CourseVersionArchives_CourseId_ContentVersion" ON "CourseVersionArchives" ("CourseId", "ContentVersion");

CREATE UNIQUE INDEX "IX_Enrollments_UserId_CourseId" ON "Enrollments" ("UserId", "CourseId");

CREATE UNIQUE INDEX "IX_KnowledgeCheckAnswers_UserId_CourseId_QuestionId" ON "KnowledgeCheckAnswers" ("UserId", "CourseId", "QuestionId");

CREATE UNIQUE INDEX "IX_LessonProgress_UserId_CourseId_LessonId" ON "LessonProgress" ("UserId", "CourseId", "LessonId");

CREATE INDEX "IX_QuizAttempts_UserId_CourseId_Kind" ON "QuizAttempts" ("UserId", "CourseId", "Kind");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124193610_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "QuizAttempts" ADD "DiscardedAt" INTEGER NULL;

ALTER TABLE "QuizAttempts" ADD "LastAnsweredAt" INTEGER NULL;

ALTER TABLE "QuizAttempts" ADD "Seed" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Enrollments" ADD "LastHeartbeatAt" INTEGER NULL;

ALTER TABLE "Enrollments" ADD "LastHeartbeatStep" TEXT NULL;

ALTER TABLE "Enrollments" ADD "MeasuresTime" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Enrollments" ADD "MinutesMeasured" INTEGER NULL;

ALTER TABLE "Enrollments" ADD "StateVersion" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Certificates" ADD "MinutesAttested" INTEGER NULL;

ALTER TABLE "Certificates" ADD "MinutesMeasured" INTEGER NULL;

ALTER TABLE "AspNetUsers" ADD "DeletedAt" INTEGER NULL;

CREATE TABLE "AttemptAnswers" (
    "AttemptId" TEXT NOT NULL,
    "QuestionId" TEXT NOT NULL,
    "SelectedJson" TEXT NOT NULL,
    "SavedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_AttemptAnswers" PRIMARY KEY ("AttemptId", "QuestionId"),
    CONSTRAINT "FK_AttemptAnswers_QuizAttempts_AttemptId" FOREIGN KEY ("AttemptId") REFERENCES "QuizAttempts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "StudyTimes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StudyTimes" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "CourseId" TEXT NOT NULL,
    "Step" TEXT NOT NULL,
    "Seconds" INTEGER NOT NULL
);

CREATE TABLE "UserSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_UserSessions" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "IsPersistent" INTEGER NOT NULL,
    "EndedAt" INTEGER NULL
);

INSERT INTO "AttemptAnswers" ("AttemptId", "QuestionId", "SelectedJson", "SavedAt")
SELECT a."Id", j.key, j.value, a."StartedAt"
FROM "QuizAttempts" a,
     json_each(CASE WHEN json_valid(a."AnswersJson") THEN a."AnswersJson" ELSE '{}' END) j
WHERE j.type = 'array' AND json_array_length(j.value) > 0;

UPDATE "QuizAttempts" SET "DiscardedAt" = "StartedAt"
WHERE "SubmittedAt" IS NULL AND EXISTS (
    SELECT 1 FROM "QuizAttempts" AS newer
    WHERE newer."UserId" = "QuizAttempts"."UserId" AND newer."CourseId" = "QuizAttempts"."CourseId"
      AND newer."Kind" = "QuizAttempts"."Kind" AND newer."SubmittedAt" IS NULL
      AND (newer."StartedAt" > "QuizAttempts"."StartedAt"
           OR (newer."StartedAt" = "QuizAttempts"."StartedAt" AND newer."Id" > "QuizAttempts"."Id")));

ALTER TABLE "QuizAttempts" DROP COLUMN "AnswersJson";

CREATE UNIQUE INDEX "IX_QuizAttempts_OneOpenAttempt" ON "QuizAttempts" ("UserId", "CourseId", "Kind") WHERE "SubmittedAt" IS NULL AND "DiscardedAt" IS NULL;

CREATE UNIQUE INDEX "IX_StudyTimes_UserId_CourseId_Step" ON "StudyTimes" ("UserId", "CourseId", "Step");

CREATE INDEX "IX_UserSessions_UserId" ON "UserSessions" ("UserId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202072327_IntegrityAccountsAndLearnerState', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "QuizAttempts" ADD "ResetAt" INTEGER NULL;

ALTER TABLE "QuizAttempts" ADD "ResetReason" TEXT NULL;

ALTER TABLE "CourseVersionArchives" ADD "PublishedAt" INTEGER NULL;

ALTER TABLE "CourseVersionArchives" ADD "PublishedByName" TEXT NULL;

ALTER TABLE "CourseVersionArchives" ADD "ReviewId" INTEGER NULL;

ALTER TABLE "CourseVersionArchives" ADD "ReviewedAt" INTEGER NULL;

ALTER TABLE "CourseVersionArchives" ADD "ReviewedByName" TEXT NULL;

ALTER TABLE "AuditEntries" ADD "CourseId" TEXT NULL;

ALTER TABLE "AuditEntries" ADD "TargetUserId" TEXT NULL;

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

CREATE TABLE "LtiHandoffs" (
    "Token" TEXT NOT NULL CONSTRAINT "PK_LtiHandoffs" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "TargetPath" TEXT NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "UsedAt" INTEGER NULL
);

CREATE TABLE "LtiLogins" (
    "State" TEXT NOT NULL CONSTRAINT "PK_LtiLogins" PRIMARY KEY,
    "Nonce" TEXT NOT NULL,
    "PlatformId" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UsedAt" INTEGER NULL
);

CREATE TABLE "LtiPlatforms" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LtiPlatforms" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Issuer" TEXT NOT NULL,
    "ClientId" TEXT NOT NULL,
    "AuthenticationUrl" TEXT NOT NULL,
    "TokenUrl" TEXT NOT NULL,
    "KeySetUrl" TEXT NOT NULL,
    "DeploymentIds" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "LtiResultTargets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LtiResultTargets" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "CourseId" TEXT NOT NULL,
    "PlatformId" INTEGER NOT NULL,
    "Subject" TEXT NOT NULL,
    "LineItemUrl" TEXT NOT NULL,
    "LastLaunchAt" INTEGER NOT NULL
);

CREATE TABLE "LtiScores" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LtiScores" PRIMARY KEY AUTOINCREMENT,
    "TargetId" INTEGER NOT NULL,
    "ScoreGiven" REAL NOT NULL,
    "ScoreMaximum" REAL NOT NULL,
    "ActivityProgress" TEXT NOT NULL,
    "GradingProgress" TEXT NOT NULL,
    "Timestamp" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "SentAt" INTEGER NULL,
    "LastError" TEXT NULL
);

CREATE TABLE "LtiUserLinks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LtiUserLinks" PRIMARY KEY AUTOINCREMENT,
    "PlatformId" INTEGER NOT NULL,
    "Subject" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "StudioCourses" (
    "CourseId" TEXT NOT NULL CONSTRAINT "PK_StudioCourses" PRIMARY KEY,
    "CreatedAt" INTEGER NOT NULL,
    "CreatedByName" TEXT NOT NULL,
    "ImportedFromFolder" INTEGER NOT NULL
);

CREATE TABLE "StudioFileRevisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StudioFileRevisions" PRIMARY KEY AUTOINCREMENT,
    "CourseId" TEXT NOT NULL,
    "Path" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL,
    "Bytes" BLOB NULL,
    "SavedById" TEXT NOT NULL,
    "SavedByName" TEXT NOT NULL,
    "SavedAt" INTEGER NOT NULL,
    "Note" TEXT NULL
);

CREATE TABLE "StudioReviews" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StudioReviews" PRIMARY KEY AUTOINCREMENT,
    "CourseId" TEXT NOT NULL,
    "DraftVersion" TEXT NOT NULL,
    "RequestedById" TEXT NOT NULL,
    "RequestedByName" TEXT NOT NULL,
    "RequestedAt" INTEGER NOT NULL,
    "RequestNote" TEXT NULL,
    "Decision" TEXT NULL,
    "ReviewerId" TEXT NULL,
    "ReviewerName" TEXT NULL,
    "DecidedAt" INTEGER NULL,
    "Comment" TEXT NULL
);

CREATE INDEX "IX_CourseVersionArchives_CourseId_PublishedAt" ON "CourseVersionArchives" ("CourseId", "PublishedAt");

CREATE INDEX "IX_AuditEntries_Action" ON "AuditEntries" ("Action");

CREATE INDEX "IX_AuditEntries_CourseId" ON "AuditEntries" ("CourseId");

CREATE INDEX "IX_AuditEntries_UserId" ON "AuditEntries" ("UserId");

CREATE UNIQUE INDEX "IX_LtiLogins_Nonce" ON "LtiLogins" ("Nonce");

CREATE UNIQUE INDEX "IX_LtiPlatforms_Issuer_ClientId" ON "LtiPlatforms" ("Issuer", "ClientId");

CREATE UNIQUE INDEX "IX_LtiResultTargets_UserId_CourseId_PlatformId" ON "LtiResultTargets" ("UserId", "CourseId", "PlatformId");

CREATE INDEX "IX_LtiScores_SentAt_NextAttemptAt" ON "LtiScores" ("SentAt", "NextAttemptAt");

CREATE UNIQUE INDEX "IX_LtiUserLinks_PlatformId_Subject" ON "LtiUserLinks" ("PlatformId", "Subject");

CREATE UNIQUE INDEX "IX_StudioFileRevisions_CourseId_Path_Revision" ON "StudioFileRevisions" ("CourseId", "Path", "Revision");

CREATE INDEX "IX_StudioReviews_CourseId_RequestedAt" ON "StudioReviews" ("CourseId", "RequestedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202085940_StudioAdministrationAndLti', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_LtiLogins_CreatedAt" ON "LtiLogins" ("CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207200424_SecurityLti', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "UserSessions" ADD "Device" TEXT NULL;

ALTER TABLE "UserSessions" ADD "LastSeenAt" INTEGER NULL;

ALTER TABLE "UserSessions" ADD "Network" TEXT NULL;

ALTER TABLE "UserSessions" ADD "ReauthenticatedAt" INTEGER NULL;

ALTER TABLE "LtiHandoffs" ADD "BrowserHash" TEXT NULL;

ALTER TABLE "AspNetUsers" ADD "LockedAt" INTEGER NULL;

ALTER TABLE "AspNetUsers" ADD "LockedById" TEXT NULL;

UPDATE "AspNetUsers" SET "LockedAt" = 1309331423232000000, "LockoutEnd" = NULL WHERE "LockoutEnd" > 5815930650624000000 AND "DeletedAt" IS NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207200755_SecurityAccounts', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "StudioCourseAuthors" (
    "CourseId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "AddedAt" INTEGER NOT NULL,
    "AddedById" TEXT NULL,
    CONSTRAINT "PK_StudioCourseAuthors" PRIMARY KEY ("CourseId", "UserId"),
    CONSTRAINT "FK_StudioCourseAuthors_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_StudioCourseAuthors_StudioCourses_CourseId" FOREIGN KEY ("CourseId") REFERENCES "StudioCourses" ("CourseId") ON DELETE CASCADE
);

CREATE INDEX "IX_StudioCourseAuthors_UserId" ON "StudioCourseAuthors" ("UserId");

INSERT INTO "StudioCourseAuthors" ("CourseId", "UserId", "Role", "AddedAt", "AddedById")
SELECT r."CourseId", r."SavedById", 'owner', r."SavedAt", NULL
FROM "StudioFileRevisions" r
WHERE r."Id" = (SELECT MIN(f."Id") FROM "StudioFileRevisions" f WHERE f."CourseId" = r."CourseId")
  AND EXISTS (SELECT 1 FROM "StudioCourses" c WHERE c."CourseId" = r."CourseId")
  AND EXISTS (SELECT 1 FROM "AspNetUsers" u WHERE u."Id" = r."SavedById" AND u."DeletedAt" IS NULL);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207210607_StudioOwnership', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "AspNetUsers" ADD "PreferredLanguage" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207225025_PreferredLanguage', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Certificates" ADD "ProviderIdentityId" INTEGER NULL;

CREATE TABLE "ProviderIdentities" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProviderIdentities" PRIMARY KEY AUTOINCREMENT,
    "SavedAt" INTEGER NOT NULL,
    "SavedByUserId" TEXT NOT NULL,
    "Logo" BLOB NULL,
    "LogoContentType" TEXT NULL,
    "SignatoryName" TEXT NULL,
    "SignatoryTitle" TEXT NULL,
    "Signature" BLOB NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207230542_ProviderIdentity', '10.0.15');

COMMIT;

