/// The OpenAPI document served at `GET /openapi.yaml`; it must match what the service really does.
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.1.0
info:
  title: Eenloket API
  version: 1.0.0
  summary: One desk for questions and disputes about sickness absence and re-integration.
  description: |-
    Eenloket receives questions and disputes about sickness absence and
    re-integration, triages them, routes accepted cases to an independent panel
    and records the panel's binding ruling.

    Conventions:
    - JSON in and out, UTF-8, field names in snake_case. Dates are `YYYY-MM-DD`;
      timestamps are RFC 3339 in UTC with milliseconds (`2026-11-23T14:28:05.123Z`);
      identifiers are lowercase UUIDs. Calendar dates (`sick_since`, "in the
      future", years of registration, statistics by year) are reckoned in the
      Europe/Amsterdam time zone.
    - Request bodies: `application/json` (any `application/*+json` type is also
      accepted; anything else gets 415), at most 1 MiB (else 413), a JSON object
      (else 400). A field of the wrong JSON type gets 400; a missing required
      field, `null` for a required field, a bad format or a broken rule gets 422
      naming every offending field by its dotted path. For optional fields `null`
      means the same as absent. Unknown fields are ignored. Text lengths are
      counted in Unicode code points, and text fields must not be blank nor
      contain U+0000 (422).
    - Errors are `application/problem+json` (RFC 9457). No request, however
      malformed, gets a 5xx other than 503 (a dependency such as the database is
      unavailable; retry after the `Retry-After` seconds).
    - A path id of the wrong form (not a UUID; not an integer for escalations
      and notifications) gets 404, as do unknown paths and methods.
    - Responses are never cacheable (`Cache-Control: no-store`).

    Authentication: `Authorization: Bearer <token>`. Staff obtain a session token
    (prefix `els_`) from `POST /api/v1/sessions`. A filer receives an access token
    for their one case (prefix `elc_`) in the response to filing. The other
    party, invited when the case is accepted, receives its own `elc_` token for
    that case in the private link of its invitation (e-mail, or a printed
    letter; printing the letter again replaces the token). Missing, unknown,
    expired or revoked credentials, and tokens of deactivated accounts, get 401.
    An authenticated caller whose role may never do something gets 403 (a
    party's token on a staff-only endpoint, too).

    Roles: `admin`, `coordinator`, `intake_officer`, `panel_member`, `inspector`.
    Parties: `employee`, `employer` (the filer and, once invited, the other party).
servers:
  - url: /
security:
  - bearerAuth: []
tags:
  - name: service
    description: Health, this document and metrics.
  - name: sessions
    description: Staff login and logout.
  - name: staff
    description: Staff accounts and panel members.
  - name: cases
    description: Filing, reading and deciding cases; statements, panel changes and after-care.
  - name: escalations
    description: Cases that need a coordinator's attention.
  - name: notifications
    description: The outbox as people see it; letters to print, e-mail not yet or never delivered.
  - name: stats
    description: Aggregate figures for supervision; never an individual case.

paths:
  /health/live:
    get:
      tags: [service]
      operationId: getLiveness
      summary: Liveness probe
      description: 200 while the process runs. No authentication.
      security: []
      responses:
        '200':
          description: The process runs.
          content:
            text/plain:
              schema:
                type: string
              example: "ok\n"

  /health/ready:
    get:
      tags: [service]
      operationId: getReadiness
      summary: Readiness probe
      description: >-
        200 when the database answers (within two seconds) and every migration is
        applied; 503 otherwise. No authentication.
      security: []
      responses:
        '200':
          description: Ready to serve.
          content:
            text/plain:
              schema:
                type: string
              example: "ready\n"
        '503':
          description: Not ready (database unreachable or migrations not applied).
          headers:
            Retry-After:
              $ref: '#/components/headers/RetryAfter'
          content:
            text/plain:
              schema:
                type: string
              example: "not ready\n"

  /openapi.yaml:
    get:
      tags: [service]
      operationId: getOpenAPIDocument
      summary: This OpenAPI document
      description: The OpenAPI 3.1 document of the service. No authentication.
      security: []
      responses:
        '200':
          description: The OpenAPI document.
          content:
            application/yaml:
              schema:
                type: string

  /metrics:
    get:
      tags: [service]
      operationId: getMetrics
      summary: Prometheus metrics
      description: >-
        Prometheus text exposition format (version 0.0.4). Includes
        `eenloket_http_requests_total` and the histogram
        `eenloket_http_request_duration_seconds`, both labelled by `route`
        (the route template), `method` and `status`, and the gauge
        `eenloket_cases` labelled by case `status`. No authentication.
      security: []
      responses:
        '200':
          description: The metrics.
          content:
            text/plain:
              schema:
                type: string

  /api/v1/keys:
    get:
      tags: [service]
      operationId: listSigningKeys
      summary: Public keys that rulings are signed with
      description: >-
        Every Ed25519 public key the service has signed rulings with, so anyone
        can check a ruling's `signature`. No authentication.
      security: []
      responses:
        '200':
          description: The keys, oldest first.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/SigningKeys'

  /api/v1/sessions:
    post:
      tags: [sessions]
      operationId: createSession
      summary: Log in (staff)
      description: >-
        Exchanges a staff member's e-mail address (compared ignoring case and
        surrounding spaces) and password for a session token. An unknown
        address, a wrong password and a deactivated account all get the same
        401. After 10 failed logins for one address within 15 minutes, further
        attempts for that address get 429 with `Retry-After` until the window
        has passed, counted across all instances. A client that logged in to
        this account before carries a device cookie (`eenloket_apparaat`,
        HttpOnly): its attempts are counted for that device alone, so failures
        from elsewhere never lock the holder out of it. After a few failures
        each further failed attempt is answered later (doubling, at most 16
        times the first delay).

        Two steps (`EENLOKET_STAFF_OTP=required`, the default): admins, intake
        officers and panel members of the two physician disciplines get 200
        with a challenge instead of a session. Before their first code they
        also get the secret to enrol (base32, and as an `otpauth://` URI).
        A second call with `{"challenge", "code"}` (a TOTP code: RFC 6238, 6
        digits, 30 s, SHA-1, one step of clock difference either way, each
        code once; or one of the recovery codes) gives the session, with ten
        `recovery_codes` when it finished an enrolment. A wrong code gets 401;
        five wrong codes, or five minutes, end the challenge.
      security: []
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/SessionRequest'
      responses:
        '201':
          description: Logged in.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Session'
        '200':
          description: The password was right; a code is needed (staff who reach medical data).
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/LoginChallenge'
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '413':
          $ref: '#/components/responses/ContentTooLarge'
        '415':
          $ref: '#/components/responses/UnsupportedMediaType'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '429':
          $ref: '#/components/responses/TooManyRequests'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/sessions/current:
    delete:
      tags: [sessions]
      operationId: deleteCurrentSession
      summary: Log out (staff)
      description: >-
        Revokes the session token used for this request; it stops working at
        once. Staff tokens only (a party's case token gets 403).
      responses:
        '204':
          description: Logged out.
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/staff:
    post:
      tags: [staff]
      operationId: createStaff
      summary: Create a staff account
      description: >-
        `admin` may create any role; a `coordinator` only `intake_officer` and
        `panel_member` (another role gets 403). `panel` is required for a
        `panel_member` and must be absent otherwise. A physician
        (`bedrijfsarts`, `verzekeringsarts`) needs a BIG number and at least 5
        full years since `registered_since`. An e-mail address already in use
        (ignoring case) gets 409. The password is never returned. A new panel
        member may at once be assigned to cases waiting for a panel. Only an
        admin gives access to medical data: an `intake_officer`, or a
        `panel_member` of a physician discipline, created by a coordinator is
        created inactive with `awaiting_activation: true`, and every admin is
        told by e-mail; it works once an admin activates it with a new password
        (see `PATCH /api/v1/staff/{id}`).
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/StaffCreateRequest'
      responses:
        '201':
          description: The new account.
          headers:
            Location:
              description: Path of the new account, `/api/v1/staff/{id}`.
              schema:
                type: string
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Staff'
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '409':
          $ref: '#/components/responses/Conflict'
        '413':
          $ref: '#/components/responses/ContentTooLarge'
        '415':
          $ref: '#/components/responses/UnsupportedMediaType'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/staff/{id}:
    parameters:
      - $ref: '#/components/parameters/StaffId'
    get:
      tags: [staff]
      operationId: getStaff
      summary: Read a staff account
      description: '`admin` and `coordinator` only.'
      responses:
        '200':
          description: The account.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Staff'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'
    patch:
      tags: [staff]
      operationId: updateStaff
      summary: Change a staff account
      description: >-
        Partial update by `admin` (any account) or `coordinator` (accounts of
        `intake_officer` and `panel_member` only, else 403). Only the fields
        given change, e.g. `{"active": false}` or
        `{"panel": {"max_open_cases": 3}}`. A role or discipline cannot be
        changed (422); `panel` is only for panel members (422 otherwise). A
        deactivated account's tokens stop working at once. Lowering
        `max_open_cases` below the current load removes nobody from a panel; it
        only stops new assignments. Activating a member, raising their
        capacity or changing affiliations routes waiting cases at once. An
        e-mail address already in use gets 409. Only an `admin` changes
        another account's `password` or `email` (a `coordinator` gets 403 for
        those fields; an account holder, an admin too, changes their own
        password with `POST /api/v1/account/password`: a `password` for one's
        own account here gets 403). An account with `awaiting_activation` is
        activated only by an admin (a coordinator gets 403) and only together
        with a new `password` (`{"active": true, "password": "…"}`, else 422):
        the creator's password stops working.
        A new password or e-mail address ends every session of the account
        at once and is told to its holder by e-mail (an e-mail change at the
        old and the new address). Every change is an event in the account's
        history (`GET /api/v1/staff/{id}/events`).
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/StaffUpdateRequest'
      responses:
        '200':
          description: The account after the change.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Staff'
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '409':
          $ref: '#/components/responses/Conflict'
        '413':
          $ref: '#/components/responses/ContentTooLarge'
        '415':
          $ref: '#/components/responses/UnsupportedMediaType'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/staff/{id}/events:
    parameters:
      - $ref: '#/components/parameters/StaffId'
    get:
      tags: [staff]
      operationId: listStaffEvents
      summary: An account's change history (admins)
      description: >-
        `admin` only (others 403). Every change of the account, oldest first,
        append-only in the database: who (`actor_id`, null for the service
        itself), when, what (`change`) and which fields (names only, never a
        password or secret).
      responses:
        '200':
          description: The history.
          content:
            application/json:
              schema:
                type: object
                required: [items]
                properties:
                  items:
                    type: array
                    items:
                      type: object
                      required: [at, actor_id, change, fields]
                      properties:
                        at:
                          $ref: '#/components/schemas/Timestamp'
                        actor_id:
                          type: [string, 'null']
                          format: uuid
                        change:
                          type: string
                          enum: [created, updated, deactivated, reactivated, password_changed, otp_reset]
                        fields:
                          type: array
                          items:
                            type: string
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/staff/{id}/otp:
    parameters:
      - $ref: '#/components/parameters/StaffId'
    delete:
      tags: [staff]
      operationId: resetStaffOTP
      summary: Unlink an account's authenticator app (admins)
      description: >-
        `admin` only (others 403). For a holder who lost their phone and their
        recovery codes: the authenticator and the recovery codes are removed,
        every session of the account ends, the holder is told by e-mail and
        enrols again at the next login. Recorded as `otp_reset`.
      responses:
        '204':
          description: Unlinked.
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/account/password:
    post:
      tags: [staff]
      operationId: changeOwnPassword
      summary: Change your own password
      description: >-
        Every staff role, for its own account, giving the current password.
        A wrong `current_password` gets 422 and counts as a failed login for
        the account's address (throttled the same way: 429). The new password
        follows the rules of `POST /api/v1/staff`. The change ends every
        session of the account, this one included (log in again), is told to
        the holder by e-mail and recorded as `password_changed`.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [current_password, new_password]
              properties:
                current_password:
                  type: string
                  minLength: 1
                  maxLength: 1000
                new_password:
                  type: string
                  minLength: 12
                  maxLength: 200
      responses:
        '204':
          description: Changed; every session of the account has ended.
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '413':
          $ref: '#/components/responses/ContentTooLarge'
        '415':
          $ref: '#/components/responses/UnsupportedMediaType'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '429':
          $ref: '#/components/responses/TooManyRequests'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/staff/{id}/absences:
    parameters:
      - $ref: '#/components/parameters/StaffId'
    get:
      tags: [staff]
      operationId: listAbsences
      summary: A panel member's absences
      description: >-
        The panel member themselves, a `coordinator` or an `admin`; other roles,
        a panel member asking about someone else, and parties get 403. All
        recorded absences of the account, earliest `starts_on` first; 404 when
        the account does not exist or is not a panel member.
      responses:
        '200':
          description: The absences.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/AbsenceList'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'
    post:
      tags: [staff]
      operationId: createAbsence
      summary: Record an absence
      description: >-
        The panel member themselves, a `coordinator` or an `admin` (others 403);
        404 when the account is not a panel member. From `starts_on` through
        `ends_on` (Europe/Amsterdam dates) routing assigns the member no new
        cases; when the absence ends, waiting cases are routed again. If the
        member chairs a case in `in_review` whose ruling stage's `preferred_by`
        falls within the absence, the case is escalated to the coordinators
        (`chair_absent`) at once.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/AbsenceRequest'
      responses:
        '201':
          description: The recorded absence.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Absence'
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '413':
          $ref: '#/components/responses/ContentTooLarge'
        '415':
          $ref: '#/components/responses/UnsupportedMediaType'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/staff/{id}/absences/{absenceId}:
    parameters:
      - $ref: '#/components/parameters/StaffId'
      - name: absenceId
        in: path
        required: true
        description: The absence's id; anything that is not a UUID gets 404.
        schema:
          type: string
          format: uuid
    delete:
      tags: [staff]
      operationId: deleteAbsence
      summary: Remove an absence
      description: >-
        The panel member themselves, a `coordinator` or an `admin` (others 403).
        404 when the absence does not exist or belongs to another account. The
        member may be routed waiting cases again at once.
      responses:
        '204':
          description: Removed.
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases:
    post:
      tags: [cases]
      operationId: fileCase
      summary: File a question or dispute
      description: >-
        No authentication. Files a case in status `submitted` and returns it as
        the filer sees it, plus `access_token`: the filer's bearer token for
        this case, shown only in this response. `medical_information` may only
        be given by an employee (422 when `filer_role` is `employer`); employers
        may not record health data. `employer.email` and `employee.email` are
        optional contact addresses: when the case is accepted, the other party
        is invited by e-mail at its address, or by a letter for the intake
        officers to print when none is known. With an `Idempotency-Key`, a repeat with
        the same key and the same JSON value as body returns the same status
        and body (including the same `access_token`) and creates nothing new;
        the same key with a different body gets 422 (field `Idempotency-Key`),
        and a repeat while the first request is still in progress may get 409.
      security: []
      parameters:
        - name: Idempotency-Key
          in: header
          required: false
          description: >-
            1 to 200 characters (else 422). Makes filing safe to retry; keys are
            remembered for at least 24 hours.
          schema:
            type: string
            minLength: 1
            maxLength: 200
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/CaseCreateRequest'
      responses:
        '201':
          description: The case was filed.
          headers:
            Location:
              description: Path of the case, `/api/v1/cases/{id}`.
              schema:
                type: string
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/FiledCase'
        '400':
          $ref: '#/components/responses/BadRequest'
        '409':
          $ref: '#/components/responses/Conflict'
        '413':
          $ref: '#/components/responses/ContentTooLarge'
        '415':
          $ref: '#/components/responses/UnsupportedMediaType'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'
    get:
      tags: [cases]
      operationId: listCases
      summary: List cases (staff)
      description: >-
        `intake_officer`, `coordinator` and `admin` see all cases; a
        `panel_member` sees the cases whose panel they are on (not withdrawn
        ones). Parties and inspectors get 403. Most urgent first: earliest
        `due_by`, cases without one last, then oldest first. Pass `next_cursor`
        as `cursor` for the next page; it is `null` on the last page. An
        invalid `status`, `limit` or `cursor` gets 422.
      parameters:
        - name: status
          in: query
          required: false
          description: Only cases in this status.
          schema:
            $ref: '#/components/schemas/CaseStatus'
        - name: limit
          in: query
          required: false
          description: Page size, 1 to 100.
          schema:
            type: integer
            minimum: 1
            maximum: 100
            default: 25
        - name: cursor
          in: query
          required: false
          description: The opaque `next_cursor` of the previous page.
          schema:
            type: string
            maxLength: 200
      responses:
        '200':
          description: One page of case summaries.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/CaseList'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases/{id}:
    parameters:
      - $ref: '#/components/parameters/CaseId'
    get:
      tags: [cases]
      operationId: getCase
      summary: Read a case
      description: >-
        Visible to either party's token of this case (the filer's, and the
        other party's once invited); to `intake_officer`, `coordinator` and
        `admin` (every case); to a `panel_member` while on its panel and for
        good once that panel has ruled (not after a withdrawal, nor after being
        replaced). Anyone else gets 404, never revealing that the case exists;
        an `inspector` gets 403. Medical fields (`medical_information`,
        `ruling.medical_considerations`) are present only for the employee's
        token, intake officers, and panel members of this case whose discipline
        is `bedrijfsarts` or `verzekeringsarts`; for everyone else the keys are
        absent. Each time a staff member is shown medical text, a
        `medical_data_viewed` event is recorded. `hearing.invited_by` is shown
        to staff only.
      responses:
        '200':
          description: The case as this caller may see it.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Case'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases/{id}/export:
    parameters:
      - $ref: '#/components/parameters/CaseId'
    get:
      tags: [cases]
      operationId: exportCase
      summary: Everything the pool holds about the case that this party may see
      description: >-
        Data-subject right of access (AVG/GDPR article 15): the case as this
        party sees it, its history, statements and after-care, and the name and
        e-mail address held for the party. Only the parties of the case, with
        their own access token; staff get 403. Each export is recorded as a
        `data_exported` event (the access log lists it). The pages offer the
        same at `/zaak/{token}/gegevens`.
      responses:
        '200':
          description: The export.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/CaseExport'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases/{id}/access-log:
    parameters:
      - $ref: '#/components/parameters/CaseId'
    get:
      tags: [cases]
      operationId: getCaseAccessLog
      summary: Who saw the case's medical text, and who exported its data
      description: >-
        Coordinators and administrators. Every staff view of medical fields
        (`medical_data_viewed`: who, when, in which role, which fields) and
        every export by a party (`data_exported`), in order. The entries are
        history events, append-only in the database; no medical text.
      responses:
        '200':
          description: The entries, oldest first.
          content:
            application/json:
              schema:
                type: object
                required: [items]
                properties:
                  items:
                    type: array
                    items:
                      $ref: '#/components/schemas/AccessLogEntry'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases/{id}/parties:
    parameters:
      - $ref: '#/components/parameters/CaseId'
    get:
      tags: [cases]
      operationId: getCaseParties
      summary: The parties' contact details (intake officers, coordinators, admins)
      description: >-
        The staff who check and use the parties' contact details: intake
        officers, coordinators and administrators (others 403). The filer,
        and the invited party once invited (where the invitation went, when it
        was verified, when its link was first used); and `other_party`: how
        the party that did not file can be reached, as given at filing or
        confirmed at triage, with `same_domain_as_filer` when its e-mail
        address is at the filer's own mail domain (the filer may be able to
        read that mail: check it with the party itself).
      responses:
        '200':
          description: The contact details.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/CaseParties'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases/{id}/parties/employee/verification:
    parameters:
      - $ref: '#/components/parameters/CaseId'
    post:
      tags: [cases]
      operationId: verifyInvitedEmployee
      summary: Record that an invited employee's link reached the employee
      description: >-
        When an employer filed, the employer typed the employee's address: the
        invited employee's own link shows the case's medical information, and
        may write statements or answer check-ins, only once staff verified
        that the link reached the employee. The employee's page shows a check
        code (`check_code`, six characters, derived from the current link); an
        intake officer or a physician on the case's panel who speaks with the
        employee asks for it and gives it here with how they spoke (`how`:
        `phone` or `in_person`); others 403, a panel member not on the case
        404. A wrong code gets 422 on `code` and is counted: after five for
        one link, 409 (a new link is needed). 409 too when no employee was
        invited (the employee filed), the link was not opened yet, or it is
        verified already. Records a `party_verified` event. Returns the case.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [code, how]
              properties:
                code:
                  type: string
                  maxLength: 20
                  pattern: '^[ \t-]*([A-HJKMNP-Za-hjkmnp-z2-9][ \t-]*){6}$'
                  description: The six characters, with or without the dash or spaces, any case.
                how:
                  type: string
                  enum: [phone, in_person]
      responses:
        '200':
          description: The case.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Case'
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '409':
          $ref: '#/components/responses/Conflict'
        '413':
          $ref: '#/components/responses/ContentTooLarge'
        '415':
          $ref: '#/components/responses/UnsupportedMediaType'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases/{id}/events:
    parameters:
      - $ref: '#/components/parameters/CaseId'
    get:
      tags: [cases]
      operationId: listCaseEvents
      summary: A case's history
      description: >-
        Whoever may see the case (same rules as reading it; an `inspector` gets
        403). All events in order of `seq`; the history is append-only. Staff
        callers also get `actor_staff_id`; a party sees the events but not the
        staff members behind them (no `actor_staff_id`, and no `staff_id` in
        `data`).
      responses:
        '200':
          description: The history.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/EventList'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases/{id}/triage:
    parameters:
      - $ref: '#/components/parameters/CaseId'
    post:
      tags: [cases]
      operationId: triageCase
      summary: Triage a case (intake officer)
      description: >-
        `intake_officer` only (others 403). Allowed only in status `submitted`,
        else 409; when several triage requests race, exactly one succeeds and
        the rest get 409. `accept` routes the case at once: one panel member per
        requested discipline (active, of that discipline, below
        `max_open_cases`, free of conflicts of interest with the employer's
        name or KvK number and the occupational physician or their
        organisation; the one with the fewest open cases, then never assigned,
        then least recently assigned). The first physician assigned chairs the
        panel; members absent today are skipped. Status becomes `in_review`
        when every discipline got a member, else `awaiting_panel` (routed again
        as soon as an eligible member appears). `accept` also invites the other
        party (see `hearing`) and starts the panel stage's deadline. `refer`
        makes it `referred`, `answer` makes it `answered`. After the triage
        stage's `preferred_by` date (Europe/Amsterdam) a `deviation_reason` is
        required (else 422 on that field); a given reason is recorded in the
        `case_triaged` event.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/TriageRequest'
      responses:
        '200':
          description: The case after triage.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Case'
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '409':
          $ref: '#/components/responses/Conflict'
        '413':
          $ref: '#/components/responses/ContentTooLarge'
        '415':
          $ref: '#/components/responses/UnsupportedMediaType'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases/{id}/ruling:
    parameters:
      - $ref: '#/components/parameters/CaseId'
    post:
      tags: [cases]
      operationId: recordRuling
      summary: Record the binding ruling (panel chair)
      description: >-
        Only the chair of this case's panel (other roles, parties and other
        members of the panel get 403; a panel member not on it gets 404); only
        in status `in_review` (else 409); one ruling per case (a second gets
        409). 409 also until the other party has been heard: it responded with
        a statement or its response window (`hearing.window_ends_at`) closed.
        After the ruling stage's `preferred_by` date (Europe/Amsterdam) a
        `deviation_reason` is required (else 422 on that field). The case
        becomes `ruled` and shows the ruling under `ruling`; the panel's seats
        free up and after-care check-ins are scheduled for both parties. A
        ruling is never changed or deleted. `digest` is the lowercase hex
        SHA-256 of the UTF-8 bytes of the RFC 8785 canonical JSON of
        `{"case_id", "outcome", "decision", "motivation",
        "medical_considerations" (null when absent), "decided_at" (exactly as
        returned), "panel": [staff_id, ...] (in panel order)}`, so anyone
        holding the ruling can recompute it.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/RulingRequest'
      responses:
        '201':
          description: The ruling.
          headers:
            Location:
              description: Path of the case, `/api/v1/cases/{id}`.
              schema:
                type: string
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Ruling'
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '409':
          $ref: '#/components/responses/Conflict'
        '413':
          $ref: '#/components/responses/ContentTooLarge'
        '415':
          $ref: '#/components/responses/UnsupportedMediaType'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases/{id}/withdraw:
    parameters:
      - $ref: '#/components/parameters/CaseId'
    post:
      tags: [cases]
      operationId: withdrawCase
      summary: Withdraw a case (filer)
      description: >-
        The filer's token of this case only (staff and the invited party get
        403). No body is needed and any body is ignored. Only from
        `submitted`, `awaiting_panel` or `in_review` (else 409). Status
        becomes `withdrawn`; panel members are freed and no longer see the
        case.
      responses:
        '200':
          description: The withdrawn case.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Case'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '409':
          $ref: '#/components/responses/Conflict'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases/{id}/appeal:
    parameters:
      - $ref: '#/components/parameters/CaseId'
    post:
      tags: [cases]
      operationId: lodgeAppeal
      summary: Record an appeal to court (filer or coordinator)
      description: >-
        The filer's token of this case or a `coordinator`; other staff and the
        invited party get 403. Only when the case is `ruled` (else 409) and
        once (a second gets 409).
        `lodged_on` must not be in the future nor before the ruling's date
        (else 422). The case then shows `appeal`.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/AppealRequest'
      responses:
        '201':
          description: The case with its appeal.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Case'
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '409':
          $ref: '#/components/responses/Conflict'
        '413':
          $ref: '#/components/responses/ContentTooLarge'
        '415':
          $ref: '#/components/responses/UnsupportedMediaType'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases/{id}/statements:
    parameters:
      - $ref: '#/components/parameters/CaseId'
    get:
      tags: [cases]
      operationId: listStatements
      summary: A case's written statements
      description: >-
        Whoever may see the case (same rules as reading it; an `inspector` gets
        403, anyone else who may not see it 404). Oldest first. Statements
        marked `medical` are included only for those who may see medical
        fields (the employee's token, intake officers, this case's panel
        physicians); a staff member shown one leaves a `medical_data_viewed`
        event. Staff callers also get `author_staff_id`.
      responses:
        '200':
          description: The statements this caller may see.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/StatementList'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'
    post:
      tags: [cases]
      operationId: addStatement
      summary: Add a statement (a party or the panel)
      description: >-
        Either party's token of this case, or a member of this case's panel;
        other staff get 403, a panel member not on the panel 404. Only while
        the case is `submitted`, `awaiting_panel` or `in_review` (else 409).
        Only the employee or a panel physician may set `medical` (else 422 on
        `medical`). The invited party's first statement is its response
        (`hearing.responded_at`), after which the panel may rule. The other
        party (when it has an e-mail address) and the other panel members are
        notified. Statements are never changed or deleted.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/StatementRequest'
      responses:
        '201':
          description: The statement.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Statement'
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '409':
          $ref: '#/components/responses/Conflict'
        '413':
          $ref: '#/components/responses/ContentTooLarge'
        '415':
          $ref: '#/components/responses/UnsupportedMediaType'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases/{id}/panel:
    parameters:
      - $ref: '#/components/parameters/CaseId'
    post:
      tags: [cases]
      operationId: changePanel
      summary: Change a working panel (coordinator)
      description: >-
        `coordinator` only (others 403). Only in `awaiting_panel` or
        `in_review` (else 409). `add_discipline` requests one more discipline
        (422 on `discipline` when already requested); `replace_member` releases
        a current member (422 on `staff_id` when not on this panel), who is
        never chosen for this case again and no longer sees it; a replaced
        chair's role passes to the earliest assigned physician still on the
        panel. A case `in_review` goes back to `awaiting_panel` and the open
        seat is routed at once by the usual rules; it returns to `in_review`
        when the panel is complete. The ruling deadline stays as it was. Records
        a `panel_changed` event with the motivation.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/PanelChangeRequest'
      responses:
        '200':
          description: The case after the change.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Case'
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '409':
          $ref: '#/components/responses/Conflict'
        '413':
          $ref: '#/components/responses/ContentTooLarge'
        '415':
          $ref: '#/components/responses/UnsupportedMediaType'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases/{id}/followups:
    parameters:
      - $ref: '#/components/parameters/CaseId'
    get:
      tags: [cases]
      operationId: listFollowUps
      summary: After-care check-ins of a ruled case
      description: >-
        Whoever may see the case (same rules as reading it; an `inspector` gets
        403). A ruling schedules four check-ins per party (2 weeks, 6 weeks,
        3 months and 6 months after the ruling, each at 09:00 Europe/Amsterdam,
        two weeks to answer, by default). A party's token sees only its own check-ins that
        are due; staff see all, but the employee's free-text `remarks` only
        when they may see the medical fields (intake officers, the panel's
        physicians); others get `remarks_withheld`. A staff view of those
        remarks is logged as `medical_data_viewed`. Ordered by `sequence`,
        then `party`; empty before a ruling.
      responses:
        '200':
          description: The check-ins.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/FollowUpList'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/cases/{id}/followups/{followUpId}:
    parameters:
      - $ref: '#/components/parameters/CaseId'
      - name: followUpId
        in: path
        required: true
        description: The check-in's id; anything that is not a UUID gets 404.
        schema:
          type: string
          format: uuid
    post:
      tags: [cases]
      operationId: answerFollowUp
      summary: Answer a check-in (party)
      description: >-
        A party's token of this case only (staff get 403), for its own check-in
        that is due (else 404). Once: a check-in already answered, or already
        marked missed (`missed_at`, set when `answer_by` passes), gets 409. `ruling_carried_out: no`
        escalates the case to the coordinators (`ruling_not_carried_out`); so
        do two missed check-ins (`follow_ups_missed`). Records a
        `follow_up_answered` event.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/FollowUpAnswerRequest'
      responses:
        '200':
          description: The answered check-in.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/FollowUp'
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '409':
          $ref: '#/components/responses/Conflict'
        '413':
          $ref: '#/components/responses/ContentTooLarge'
        '415':
          $ref: '#/components/responses/UnsupportedMediaType'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/stats/overview:
    get:
      tags: [stats]
      operationId: getStatsOverview
      summary: Overview figures (supervision)
      description: >-
        `inspector`, `coordinator` and `admin` only. Counts of all cases by
        status and by type (every status and type is listed, 0 when none), the
        median whole calendar days from filing to ruling, the share of rulings
        given by the ruling stage's `due_by` (both `null` while there are no
        rulings), and the share of rulings carried out according to the
        parties' after-care answers (`null` while none was answered).
      responses:
        '200':
          description: The figures.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Overview'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/stats/employers:
    get:
      tags: [stats]
      operationId: getStatsEmployers
      summary: Employers by weighted case count (supervision)
      description: >-
        `inspector`, `coordinator` and `admin` only. Per KvK number, the cases
        that triage accepted (whatever happened later), by the year filed, for
        `year-2`, `year-1` and `year`, with the name from the most recent
        filing and `weighted_score = (3*c(year) + 2*c(year-1) + 1*c(year-2)) / 6`;
        highest score first. Employers with fewer than 5 cases over the three
        years are left out, so no individual can be singled out.
      parameters:
        - name: year
          in: query
          required: false
          description: The year to report on, 2000 to 2100 (else 422); defaults to the current year in Europe/Amsterdam.
          schema:
            type: integer
            minimum: 2000
            maximum: 2100
      responses:
        '200':
          description: The employers.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Employers'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/escalations:
    get:
      tags: [escalations]
      operationId: listEscalations
      summary: Escalations (coordinator)
      description: >-
        `coordinator` and `admin` only (others 403). Newest first; only open
        ones unless `all=true`. An invalid `limit` gets 422.
      parameters:
        - name: all
          in: query
          required: false
          description: '`true` includes resolved escalations; `false` (the default) gives open ones only; any other value gets 422.'
          schema:
            type: boolean
            default: false
        - name: limit
          in: query
          required: false
          description: At most this many, 1 to 500.
          schema:
            type: integer
            minimum: 1
            maximum: 500
            default: 100
      responses:
        '200':
          description: The escalations.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/EscalationList'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/escalations/{id}/resolve:
    parameters:
      - $ref: '#/components/parameters/EscalationId'
    post:
      tags: [escalations]
      operationId: resolveEscalation
      summary: Mark an escalation as handled (coordinator)
      description: >-
        `coordinator` and `admin` only (others 403). No body is needed and any
        body is ignored. 404 when unknown; 409 when already resolved.
      responses:
        '204':
          description: Resolved.
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '409':
          $ref: '#/components/responses/Conflict'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/notifications:
    get:
      tags: [notifications]
      operationId: listNotifications
      summary: Letters to print and undelivered e-mail
      description: >-
        `intake_officer`, `coordinator` and `admin` (others 403); an
        `intake_officer` only with `state=letters` (else 403). `letters`:
        letters not yet printed; `printed`: letters printed, newest first (an
        `intake_officer` may ask for these too); `failed`: e-mail given up on after the
        configured number of attempts; `pending`: e-mail not yet delivered.
        Oldest first. An invalid `state` or `limit` gets 422. Message texts are
        not included.
      parameters:
        - name: state
          in: query
          required: false
          description: Which messages; defaults to `letters`.
          schema:
            type: string
            enum: [letters, printed, failed, pending]
            default: letters
        - name: limit
          in: query
          required: false
          description: At most this many, 1 to 500.
          schema:
            type: integer
            minimum: 1
            maximum: 500
            default: 100
      responses:
        '200':
          description: The messages.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/NotificationList'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

  /api/v1/notifications/{id}/print:
    parameters:
      - $ref: '#/components/parameters/NotificationId'
    post:
      tags: [notifications]
      operationId: printLetter
      summary: Print a letter (intake officer)
      description: >-
        `intake_officer` only (others 403). No body is needed the first time.
        Returns the letter's text and marks it printed (it leaves the
        `letters` list); 404 unless the id is a letter. An invitation gets a
        fresh private link with a new token for the party. Printing a letter
        again needs `{"reason": "not_received|lost|wrong_person"}` (without it
        422): an invitation then gets a new link and the previous one stops
        working; the party stays the same party. Records a `letter_printed`
        event, or a `letter_reprinted` event with the reason (a choice, never
        free text: both parties read the history).
      requestBody:
        required: false
        content:
          application/json:
            schema:
              type: object
              properties:
                reason:
                  type: [string, 'null']
                  enum: [not_received, lost, wrong_person, null]
      responses:
        '200':
          description: The letter to print.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Letter'
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '413':
          $ref: '#/components/responses/ContentTooLarge'
        '415':
          $ref: '#/components/responses/UnsupportedMediaType'
        '422':
          $ref: '#/components/responses/UnprocessableContent'
        '503':
          $ref: '#/components/responses/ServiceUnavailable'

components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
      description: >-
        A staff session token (`els_...`, from `POST /api/v1/sessions`) or a
        party's case access token (`elc_...`, from `POST /api/v1/cases`, or in
        the private link of the other party's invitation).

  parameters:
    CaseId:
      name: id
      in: path
      required: true
      description: The case's id; anything that is not a UUID gets 404.
      schema:
        type: string
        format: uuid
    StaffId:
      name: id
      in: path
      required: true
      description: The staff account's id; anything that is not a UUID gets 404.
      schema:
        type: string
        format: uuid
    EscalationId:
      name: id
      in: path
      required: true
      description: The escalation's id; anything that is not an integer gets 404.
      schema:
        type: integer
        format: int64
    NotificationId:
      name: id
      in: path
      required: true
      description: The message's id; anything that is not an integer gets 404.
      schema:
        type: integer
        format: int64

  headers:
    RetryAfter:
      description: Seconds to wait before trying again.
      schema:
        type: integer
        minimum: 0

  responses:
    BadRequest:
      description: >-
        The body is not valid JSON, is not a JSON object, or a field has the
        wrong JSON type.
      content:
        application/problem+json:
          schema:
            $ref: '#/components/schemas/Problem'
    Unauthorized:
      description: No credentials, or unknown, expired or revoked ones.
      headers:
        WWW-Authenticate:
          description: Always `Bearer`.
          schema:
            type: string
      content:
        application/problem+json:
          schema:
            $ref: '#/components/schemas/Problem'
    Forbidden:
      description: Authenticated, but this role (or this caller) may not do this.
      content:
        application/problem+json:
          schema:
            $ref: '#/components/schemas/Problem'
    NotFound:
      description: >-
        Unknown resource, a path id of the wrong form, or a case the caller may
        not see (its existence is never revealed).
      content:
        application/problem+json:
          schema:
            $ref: '#/components/schemas/Problem'
    Conflict:
      description: >-
        The current state does not allow this now: the case's status, an
        existing ruling or appeal, the other party not yet heard, a check-in
        already answered or missed, an escalation already resolved, an e-mail
        address in use, or a concurrent change won.
      content:
        application/problem+json:
          schema:
            $ref: '#/components/schemas/Problem'
    ContentTooLarge:
      description: The request body is over 1 MiB.
      content:
        application/problem+json:
          schema:
            $ref: '#/components/schemas/Problem'
    UnsupportedMediaType:
      description: The body is not `application/json` (or another `+json` type).
      content:
        application/problem+json:
          schema:
            $ref: '#/components/schemas/Problem'
    UnprocessableContent:
      description: >-
        Well-formed but invalid: a missing field, a bad format or a broken rule.
        `errors` names every offending field by its dotted path.
      content:
        application/problem+json:
          schema:
            $ref: '#/components/schemas/ValidationProblem'
    TooManyRequests:
      description: Too many failed attempts; try again after `Retry-After` seconds.
      headers:
        Retry-After:
          $ref: '#/components/headers/RetryAfter'
      content:
        application/problem+json:
          schema:
            $ref: '#/components/schemas/Problem'
    ServiceUnavailable:
      description: A dependency (the database) is unavailable; try again later.
      headers:
        Retry-After:
          $ref: '#/components/headers/RetryAfter'
      content:
        application/problem+json:
          schema:
            $ref: '#/components/schemas/Problem'

  schemas:
    # ---- enums -------------------------------------------------------------
    CaseStatus:
      type: string
      enum: [submitted, awaiting_panel, in_review, ruled, referred, answered, withdrawn]
    CaseType:
      type: string
      enum: [second_opinion, work_capacity, suitable_work, reintegration_effort, track_two, other]
    RulingOutcome:
      type: string
      description: What the panel decided about the position or advice in dispute.
      enum: [upheld, partly_upheld, overturned]
    StaffRole:
      type: string
      enum: [admin, coordinator, intake_officer, panel_member, inspector]
    FilerRole:
      type: string
      enum: [employee, employer]
    PartyRole:
      type: string
      description: A party of a case.
      enum: [employee, employer]
    Discipline:
      type: string
      description: '`bedrijfsarts` and `verzekeringsarts` are physician disciplines.'
      enum: [bedrijfsarts, verzekeringsarts, arbeidsdeskundige]
    TriageDecision:
      type: string
      description: >-
        `accept`: for the pool; `refer`: not for the pool now (the motivation
        says where to go); `answer`: answered at intake (the motivation holds
        the answer).
      enum: [accept, refer, answer]
    DeadlineStage:
      type: string
      enum: [triage, panel, ruling]
    Date:
      type: string
      format: date
      description: A calendar date, `YYYY-MM-DD`.
    Timestamp:
      type: string
      format: date-time
      description: RFC 3339 in UTC with milliseconds, e.g. `2026-11-23T14:28:05.123Z`.

    # ---- problems ----------------------------------------------------------
    Problem:
      type: object
      description: >-
        An RFC 9457 problem document. A 503 (with Retry-After) means a
        dependency is unavailable: try again. A 500 is a bug, which no request
        should cause: it names `request_id`, under which the log holds it.
      required: [type, title, status, detail]
      properties:
        type:
          type: string
          format: uri
          examples: ['https://eenloket.nl/problemen/niet-gevonden']
        title:
          type: string
        status:
          type: integer
          description: The HTTP status code.
        detail:
          type: string
        request_id:
          type: string
          description: Only in a 500.
    FieldError:
      type: object
      required: [field, message]
      properties:
        field:
          type: string
          description: >-
            Dotted path of the offending field, e.g. `employer.kvk_number` or
            `disciplines[1]`; `Idempotency-Key` for that header.
        message:
          type: string
    ValidationProblem:
      description: A 422 problem naming each offending field.
      allOf:
        - $ref: '#/components/schemas/Problem'
        - type: object
          required: [errors]
          properties:
            errors:
              type: array
              minItems: 1
              items:
                $ref: '#/components/schemas/FieldError'

    # ---- sessions ----------------------------------------------------------
    SessionRequest:
      description: >-
        The first step (`email` and `password`) or the second (`challenge` and
        `code`). A body with an e-mail address or a password is the first step;
        other fields are ignored.
      anyOf:
        - type: object
          title: Password
          required: [email, password]
          properties:
            email:
              type: string
              minLength: 1
              maxLength: 320
            password:
              type: string
              minLength: 1
              maxLength: 1000
        - type: object
          title: Code
          required: [challenge, code]
          properties:
            challenge:
              type: string
              minLength: 1
              maxLength: 100
            code:
              type: string
              minLength: 1
              maxLength: 40
              description: Six digits from the authenticator app, or a recovery code.
    LoginChallenge:
      type: object
      required: [otp, challenge, expires_at]
      properties:
        otp:
          type: string
          enum: [required, enrol]
        challenge:
          type: string
          pattern: '^elo_[A-Za-z0-9_-]{43}$'
          description: Single-use, for five minutes; send it back with the code.
        secret:
          type: string
          pattern: '^[A-Z2-7]+$'
          description: Only with `enrol`, the secret to type into an authenticator app (base32).
        otpauth_uri:
          type: string
          pattern: '^otpauth://totp/'
          description: Only with `enrol`, the same secret as a URI for an app (or a QR code).
        expires_at:
          $ref: '#/components/schemas/Timestamp'
    Session:
      type: object
      required: [token, expires_at, role, staff_id]
      properties:
        recovery_codes:
          type: array
          minItems: 10
          maxItems: 10
          items:
            type: string
            pattern: '^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$'
          description: Only when this login finished an enrolment; shown once. Each works once in place of a code.
        token:
          type: string
          description: The bearer token for this session.
          pattern: '^els_[A-Za-z0-9_-]{43}$'
        expires_at:
          $ref: '#/components/schemas/Timestamp'
        role:
          $ref: '#/components/schemas/StaffRole'
        staff_id:
          type: string
          format: uuid

    # ---- staff -------------------------------------------------------------
    Affiliations:
      type: array
      description: >-
        Names of organisations (arbodiensten, employers) and KvK numbers the
        member works or worked for; used for conflict-of-interest checks
        (compared ignoring case and surrounding white space, inner runs of
        white space as one space).
      maxItems: 100
      items:
        type: string
        minLength: 1
        maxLength: 200
        pattern: '\S'
    PanelCreate:
      type: object
      description: >-
        Panel profile of a new `panel_member`. `big_number` and
        `registered_since` are required for the physician disciplines; a
        physician needs at least 5 full years since `registered_since`, which
        must not be in the future.
      required: [discipline, max_open_cases]
      properties:
        discipline:
          $ref: '#/components/schemas/Discipline'
        big_number:
          type: [string, 'null']
          pattern: '^[0-9]{11}$'
          description: BIG registration number, 11 digits.
        registered_since:
          type: [string, 'null']
          format: date
        affiliations:
          oneOf:
            - $ref: '#/components/schemas/Affiliations'
            - type: 'null'
        max_open_cases:
          type: integer
          minimum: 1
          maximum: 50
          description: The member is never on more open cases (`awaiting_panel`, `in_review`) at once.
      if:
        required: [discipline]
        properties:
          discipline:
            enum: [bedrijfsarts, verzekeringsarts]
      then:
        required: [big_number, registered_since]
        properties:
          big_number:
            type: string
          registered_since:
            type: string
    PanelUpdate:
      type: object
      description: >-
        Partial change of a member's panel profile; only the fields given
        change. `discipline`, when given, must be the current one.
      properties:
        discipline:
          $ref: '#/components/schemas/Discipline'
        big_number:
          type: [string, 'null']
          pattern: '^[0-9]{11}$'
        registered_since:
          type: [string, 'null']
          format: date
        affiliations:
          oneOf:
            - $ref: '#/components/schemas/Affiliations'
            - type: 'null'
        max_open_cases:
          type: [integer, 'null']
          minimum: 1
          maximum: 50
    StaffCreateRequest:
      type: object
      required: [email, name, password, role]
      properties:
        email:
          type: string
          format: email
          minLength: 3
          maxLength: 320
          description: Must be unique, ignoring case (else 409).
        name:
          type: string
          minLength: 1
          maxLength: 200
          pattern: '\S'
        password:
          type: string
          minLength: 12
          maxLength: 200
          writeOnly: true
        role:
          $ref: '#/components/schemas/StaffRole'
        panel:
          oneOf:
            - $ref: '#/components/schemas/PanelCreate'
            - type: 'null'
          description: Required for `panel_member`; must be absent (or null) for other roles.
      if:
        required: [role]
        properties:
          role:
            const: panel_member
      then:
        required: [panel]
        properties:
          panel:
            $ref: '#/components/schemas/PanelCreate'
      else:
        properties:
          panel:
            type: 'null'
    StaffUpdateRequest:
      type: object
      description: Only the fields given change.
      properties:
        email:
          type: [string, 'null']
          format: email
          minLength: 3
          maxLength: 320
        name:
          type: [string, 'null']
          minLength: 1
          maxLength: 200
          pattern: '\S'
        active:
          type: [boolean, 'null']
          description: '`false` deactivates the account: it cannot log in and its tokens stop working at once.'
        password:
          type: [string, 'null']
          minLength: 12
          maxLength: 200
          writeOnly: true
        role:
          oneOf:
            - $ref: '#/components/schemas/StaffRole'
            - type: 'null'
          description: A role never changes; when given it must be the account's current role.
        panel:
          oneOf:
            - $ref: '#/components/schemas/PanelUpdate'
            - type: 'null'
          description: Only for panel members.
    Panel:
      type: object
      description: A panel member's profile.
      required: [discipline, big_number, registered_since, affiliations, max_open_cases, open_cases]
      properties:
        discipline:
          $ref: '#/components/schemas/Discipline'
        big_number:
          type: [string, 'null']
          description: 11 digits; null when not recorded (possible for `arbeidsdeskundige`).
        registered_since:
          type: [string, 'null']
          format: date
        affiliations:
          type: array
          items:
            type: string
        max_open_cases:
          type: integer
          minimum: 1
          maximum: 50
        open_cases:
          type: integer
          minimum: 0
          description: Cases in `awaiting_panel` or `in_review` whose panel the member is on.
    Staff:
      type: object
      description: A staff account; never the password.
      required: [id, email, name, role, active, panel, created_at, updated_at]
      properties:
        id:
          type: string
          format: uuid
        email:
          type: string
        name:
          type: string
        role:
          $ref: '#/components/schemas/StaffRole'
        active:
          type: boolean
        awaiting_activation:
          type: boolean
          description: >-
            Created by a coordinator with access to medical data: inactive
            until an admin activates it with a new password.
        panel:
          description: The panel profile of a `panel_member`; null for other roles.
          oneOf:
            - $ref: '#/components/schemas/Panel'
            - type: 'null'
        created_at:
          $ref: '#/components/schemas/Timestamp'
        updated_at:
          $ref: '#/components/schemas/Timestamp'

    # ---- case requests -----------------------------------------------------
    CaseCreateRequest:
      type: object
      required: [filer_role, filer, employee, employer, sick_since, question]
      properties:
        filer_role:
          $ref: '#/components/schemas/FilerRole'
        filer:
          type: object
          required: [name, email]
          properties:
            name:
              type: string
              minLength: 1
              maxLength: 200
              pattern: '\S'
            email:
              type: string
              format: email
              minLength: 3
              maxLength: 320
        employee:
          type: object
          required: [name]
          properties:
            name:
              type: string
              minLength: 1
              maxLength: 200
              pattern: '\S'
            email:
              $ref: '#/components/schemas/PartyEmail'
            address:
              $ref: '#/components/schemas/PostalAddressOrNull'
        employer:
          type: object
          required: [name, kvk_number]
          properties:
            name:
              type: string
              minLength: 1
              maxLength: 200
              pattern: '\S'
            kvk_number:
              type: string
              pattern: '^[0-9]{8}$'
              description: KvK (Chamber of Commerce) number, exactly 8 digits.
            email:
              $ref: '#/components/schemas/PartyEmail'
            address:
              $ref: '#/components/schemas/PostalAddressOrNull'
        sick_since:
          type: string
          format: date
          description: First day of sickness; not in the future and at most 3 years back.
        question:
          type: string
          minLength: 20
          maxLength: 20000
        occupational_physician:
          type: [object, 'null']
          description: The company doctor (and their arbodienst) whose advice the question is about.
          properties:
            name:
              type: [string, 'null']
              minLength: 1
              maxLength: 200
              pattern: '\S'
            organisation:
              type: [string, 'null']
              minLength: 1
              maxLength: 200
              pattern: '\S'
        medical_information:
          type: [string, 'null']
          minLength: 1
          maxLength: 20000
          pattern: '\S'
          description: Only an employee may give this; when `filer_role` is `employer` it must be absent (else 422).
      if:
        required: [filer_role]
        properties:
          filer_role:
            const: employer
      then:
        properties:
          medical_information:
            type: 'null'
    PartyEmail:
      type: [string, 'null']
      format: email
      minLength: 3
      maxLength: 320
      description: >-
        Optional contact address of this party. The other party's address is
        used to invite it when the case is accepted (without one, a letter is
        printed to its postal `address`). When absent for the filer's own side,
        `filer.email` is used. The other party's address may not be the
        filer's own (`filer.email`, ignoring case): 422. Plain ASCII
        addresses only (no spaces, quotes, angle brackets or look-alike
        letters from other scripts).
    PostalAddress:
      type: object
      description: A Dutch postal address, for a letter to a party without an e-mail address.
      required: [street, postal_code, city]
      properties:
        street:
          type: string
          minLength: 1
          maxLength: 200
          pattern: '\S'
        postal_code:
          type: string
          description: A Dutch postal code (`1234 AB`; `1234ab` is accepted and written as `1234 AB`).
          pattern: '^ *[1-9][0-9]{3} *[A-Za-z]{2} *$'
        city:
          type: string
          minLength: 1
          maxLength: 100
          pattern: '\S'
    PostalAddressOrNull:
      oneOf:
        - $ref: '#/components/schemas/PostalAddress'
        - type: 'null'
    OtherPartyContact:
      type: [object, 'null']
      description: >-
        At triage, the intake officer's check of how to reach the party that
        did not file: an e-mail address or a postal address given here replaces
        what the filer gave, and `"email": null` removes the e-mail address the
        filer gave (the invitation then goes by letter). Whether the link
        reached an invited employee is verified later, with the check code on
        the employee's own page (`POST
        /api/v1/cases/{id}/parties/employee/verification`); `verified: true`
        here gets 422. Used only when the case is accepted.
      properties:
        email:
          $ref: '#/components/schemas/PartyEmail'
        address:
          $ref: '#/components/schemas/PostalAddressOrNull'
        verified:
          type: [boolean, 'null']
          description: Only `false` or null; verification uses the check code.
    TriageRequest:
      type: object
      description: >-
        `motivation` (at least 10 characters) is always required. For
        `accept`: `case_type` is required, `other_options_exhausted` must be
        `true`, and `disciplines` is a non-empty list of
        distinct disciplines with at least one physician (`bedrijfsarts` or
        `verzekeringsarts`), since a physician chairs every panel. For `refer`
        and `answer`, `case_type` and `other_options_exhausted` are optional
        and `disciplines` is ignored. An `accept` without any way to reach the
        other party (an e-mail address or a postal address, from the filing or
        `other_party`) gets 422 naming `other_party`; an `other_party.email`
        equal to the filer's own gets 422.
      required: [decision, motivation]
      properties:
        decision:
          $ref: '#/components/schemas/TriageDecision'
        case_type:
          oneOf:
            - $ref: '#/components/schemas/CaseType'
            - type: 'null'
        other_options_exhausted:
          type: [boolean, 'null']
        disciplines:
          type: [array, 'null']
          minItems: 1
          maxItems: 3
          uniqueItems: true
          items:
            $ref: '#/components/schemas/Discipline'
        motivation:
          type: string
          minLength: 10
          maxLength: 20000
          pattern: '\S'
        deviation_reason:
          $ref: '#/components/schemas/DeviationReason'
        other_party:
          $ref: '#/components/schemas/OtherPartyContact'
      if:
        required: [decision]
        properties:
          decision:
            const: accept
      then:
        required: [case_type, other_options_exhausted, disciplines]
        properties:
          case_type:
            $ref: '#/components/schemas/CaseType'
          other_options_exhausted:
            const: true
          disciplines:
            type: array
            contains:
              enum: [bedrijfsarts, verzekeringsarts]
    RulingRequest:
      type: object
      required: [outcome, decision, motivation]
      properties:
        outcome:
          $ref: '#/components/schemas/RulingOutcome'
        decision:
          type: string
          minLength: 20
          maxLength: 20000
        motivation:
          type: string
          minLength: 20
          maxLength: 20000
        medical_considerations:
          type: [string, 'null']
          minLength: 1
          maxLength: 20000
          pattern: '\S'
          description: Optional; shown only to those who may see medical fields.
        deviation_reason:
          $ref: '#/components/schemas/DeviationReason'
    DeviationReason:
      type: [string, 'null']
      minLength: 10
      maxLength: 2000
      pattern: '\S'
      description: >-
        Why the stage is completed after its preferred date. Required (else 422
        on this field) when today (Europe/Amsterdam) is after the stage's
        `preferred_by`; optional before. A given reason is recorded in the
        stage's event (`case_triaged` or `ruling_recorded`).
    AppealRequest:
      type: object
      required: [court, lodged_on]
      properties:
        court:
          type: string
          minLength: 1
          maxLength: 200
          pattern: '\S'
          examples: ['Rechtbank Amsterdam']
        lodged_on:
          type: string
          format: date
          description: Not in the future and not before the ruling's date.

    # ---- case responses ----------------------------------------------------
    Employer:
      type: object
      required: [name, kvk_number]
      properties:
        name:
          type: string
        kvk_number:
          type: string
          pattern: '^[0-9]{8}$'
    Employee:
      type: object
      required: [name]
      properties:
        name:
          type: string
    OccupationalPhysician:
      type: object
      required: [name, organisation]
      properties:
        name:
          type: [string, 'null']
        organisation:
          type: [string, 'null']
    Triage:
      type: object
      description: The intake officer's triage decision.
      required: [decision, motivation, disciplines, decided_at]
      properties:
        decision:
          $ref: '#/components/schemas/TriageDecision'
        motivation:
          type: string
        disciplines:
          type: array
          description: >-
            The disciplines requested for the panel (including any a coordinator
            added later); empty unless accepted.
          items:
            $ref: '#/components/schemas/Discipline'
        decided_at:
          $ref: '#/components/schemas/Timestamp'
    Deadline:
      type: object
      description: >-
        A stage's preferred date and latest deadline, in working days
        (weekends and Dutch public holidays excluded) from the stage's start;
        by default triage 2/5 after filing, panel 1/5 after acceptance, ruling
        15/30 after the panel is complete. When `preferred_by` passes unmet,
        whoever must act is reminded; when `due_by` passes, the coordinators
        get an escalation. Completing triage or the ruling after
        `preferred_by` needs a `deviation_reason`.
      required: [stage, preferred_by, due_by, met_at]
      properties:
        stage:
          $ref: '#/components/schemas/DeadlineStage'
        preferred_by:
          type: string
          format: date
        due_by:
          type: string
          format: date
        met_at:
          type: [string, 'null']
          format: date-time
          description: When the stage was completed; null while open.
    PanelSeat:
      type: object
      required: [staff_id, name, discipline, chair]
      properties:
        staff_id:
          type: string
          format: uuid
        name:
          type: string
        discipline:
          $ref: '#/components/schemas/Discipline'
        chair:
          type: boolean
          description: True for the first physician assigned, who chairs the panel.
    Ruling:
      type: object
      description: >-
        A binding ruling; never changed or deleted. `medical_considerations` is
        present only for callers who may see medical fields (the key is absent
        otherwise).
      required: [outcome, decision, motivation, decided_at, panel, binding, digest]
      properties:
        outcome:
          $ref: '#/components/schemas/RulingOutcome'
        decision:
          type: string
        motivation:
          type: string
        medical_considerations:
          type: [string, 'null']
        decided_at:
          $ref: '#/components/schemas/Timestamp'
        panel:
          type: array
          description: The panel that ruled, in the order its members were assigned.
          items:
            $ref: '#/components/schemas/PanelSeat'
        binding:
          type: boolean
          const: true
        digest:
          type: string
          pattern: '^[0-9a-f]{64}$'
          description: >-
            Lowercase hex SHA-256 of the UTF-8 bytes of the RFC 8785 canonical
            JSON of `{"case_id", "outcome", "decision", "motivation",
            "medical_considerations" (null when absent), "decided_at" (exactly
            as returned), "panel": [staff_id, ...] (in panel order)}`.
        chain_digest:
          type: string
          pattern: '^[0-9a-f]{64}$'
          description: >-
            Lowercase hex SHA-256 of the previous ruling's `chain_digest` (64
            zeros for the first ruling) followed by this ruling's `digest`, so
            removing or changing any earlier ruling breaks every later one.
        chain_sequence:
          type: integer
          minimum: 1
          description: The ruling's place in the chain of all rulings.
        signature:
          $ref: '#/components/schemas/RulingSignature'
    RulingSignature:
      type: object
      description: Ed25519 signature over the UTF-8 bytes of `chain_digest`.
      required: [algorithm, key_id, value]
      properties:
        algorithm:
          type: string
          const: Ed25519
        key_id:
          type: string
          description: The key in `GET /api/v1/keys` that made the signature.
        value:
          type: string
          contentEncoding: base64
    SigningKeys:
      type: object
      required: [keys, current_key_id, signed_message]
      properties:
        keys:
          type: array
          items:
            type: object
            required: [key_id, algorithm, public_key, created_at]
            properties:
              key_id:
                type: string
              algorithm:
                type: string
                const: Ed25519
              public_key:
                type: string
                contentEncoding: base64
                description: The raw 32-byte public key.
              created_at:
                $ref: '#/components/schemas/Timestamp'
        current_key_id:
          type: string
        signed_message:
          type: string
          description: How the signed message is formed, in words.
    Hearing:
      type: object
      description: >-
        Hoor en wederhoor: the party that did not file is invited when the case
        is accepted. The panel may rule once it responded (a statement) or its
        window closed.
      required: [party, invited_at, window_ends_at, responded_at, link_first_used_at, verified_at]
      properties:
        party:
          $ref: '#/components/schemas/PartyRole'
        link_first_used_at:
          type: [string, 'null']
          format: date-time
          description: >-
            When the invited party's current private link was first used (each
            new link starts again); also a `party_link_first_used` event.
        verified_at:
          type: [string, 'null']
          format: date-time
          description: >-
            When staff verified that the invitation reached the invited party
            itself. An invited employee sees medical information only after this.
        invited_at:
          $ref: '#/components/schemas/Timestamp'
        window_ends_at:
          $ref: '#/components/schemas/Timestamp'
          description: >-
            When the response window closes: the end of the configured number of
            working days (default 5) after the invitation, Europe/Amsterdam;
            equal to `invited_at` when the service is configured without a window.
        responded_at:
          type: [string, 'null']
          format: date-time
          description: The invited party's first statement; null until then.
        invited_by:
          type: string
          enum: [email, letter]
          description: How the invitation goes out; present only for staff callers.
    Appeal:
      type: object
      required: [court, lodged_on, recorded_at]
      properties:
        court:
          type: string
        lodged_on:
          type: string
          format: date
        recorded_at:
          $ref: '#/components/schemas/Timestamp'
    Case:
      type: object
      description: >-
        A case as the caller may see it. `medical_information` (and
        `ruling.medical_considerations`) are present only for the employee's
        token, intake officers, and this case's panel members of discipline
        `bedrijfsarts` or `verzekeringsarts` (null when the case holds no such
        text); for everyone else the keys are absent.
      required:
        - id
        - reference
        - status
        - filer_role
        - case_type
        - employer
        - employee
        - sick_since
        - question
        - occupational_physician
        - created_at
        - updated_at
        - triage
        - deadlines
        - panel
        - ruling
        - appeal
        - hearing
      properties:
        id:
          type: string
          format: uuid
        reference:
          type: string
          pattern: '^EL-[0-9]{4}-[0-9]{6}$'
          description: Unique, human-readable reference, `EL-<year>-<6 digits>`.
          examples: ['EL-2026-000042']
        status:
          $ref: '#/components/schemas/CaseStatus'
        filer_role:
          $ref: '#/components/schemas/FilerRole'
        case_type:
          description: Set by triage; null before.
          oneOf:
            - $ref: '#/components/schemas/CaseType'
            - type: 'null'
        employer:
          $ref: '#/components/schemas/Employer'
        employee:
          $ref: '#/components/schemas/Employee'
        sick_since:
          type: string
          format: date
        question:
          type: string
        occupational_physician:
          oneOf:
            - $ref: '#/components/schemas/OccupationalPhysician'
            - type: 'null'
        created_at:
          $ref: '#/components/schemas/Timestamp'
        updated_at:
          $ref: '#/components/schemas/Timestamp'
        triage:
          description: Null until triaged.
          oneOf:
            - $ref: '#/components/schemas/Triage'
            - type: 'null'
        deadlines:
          type: array
          description: The deadlines of the stages started so far, in order.
          items:
            $ref: '#/components/schemas/Deadline'
        panel:
          type: array
          description: The panel's members in the order they were assigned.
          items:
            $ref: '#/components/schemas/PanelSeat'
        ruling:
          description: Null until the panel rules.
          oneOf:
            - $ref: '#/components/schemas/Ruling'
            - type: 'null'
        appeal:
          description: Null unless an appeal was recorded.
          oneOf:
            - $ref: '#/components/schemas/Appeal'
            - type: 'null'
        hearing:
          description: The other party's invitation; null until the case is accepted.
          oneOf:
            - $ref: '#/components/schemas/Hearing'
            - type: 'null'
        medical_information:
          type: [string, 'null']
          description: Present only for callers who may see medical fields.
        check_code:
          type: string
          pattern: '^[A-Z2-9]{3}-[A-Z2-9]{3}$'
          description: >-
            Only for an invited employee not verified yet, reading their own
            case: the code to give to staff, who verify the link with it.
    FiledCase:
      description: The case as the filer sees it, plus the filer's access token.
      allOf:
        - $ref: '#/components/schemas/Case'
        - type: object
          required: [access_token]
          properties:
            access_token:
              type: string
              pattern: '^elc_[A-Za-z0-9_-]{43}$'
              description: >-
                The filer's bearer token for this case; shown only in this
                response (and its idempotent repeats). Keep it safe.
    CaseSummary:
      type: object
      required: [id, reference, status, case_type, created_at, due_by]
      properties:
        id:
          type: string
          format: uuid
        reference:
          type: string
          pattern: '^EL-[0-9]{4}-[0-9]{6}$'
        status:
          $ref: '#/components/schemas/CaseStatus'
        case_type:
          oneOf:
            - $ref: '#/components/schemas/CaseType'
            - type: 'null'
        created_at:
          $ref: '#/components/schemas/Timestamp'
        due_by:
          type: [string, 'null']
          format: date
          description: The nearest unmet deadline, or null.
    CaseList:
      type: object
      required: [items, next_cursor]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/CaseSummary'
        next_cursor:
          type: [string, 'null']
          description: Pass as `cursor` for the next page; null on the last page.
    CaseExport:
      type: object
      required: [exported_at, explanation, you, case, events, statements, follow_ups]
      properties:
        exported_at:
          $ref: '#/components/schemas/Timestamp'
        explanation:
          type: string
        you:
          type: object
          required: [role, filer]
          properties:
            role:
              type: string
              enum: [employee, employer]
            filer:
              type: boolean
            name:
              type: string
              description: Absent when not known or purged.
            email:
              type: string
            address:
              $ref: '#/components/schemas/PostalAddress'
              description: The postal address an invitation letter went to; absent when none or purged.
        case:
          $ref: '#/components/schemas/Case'
        events:
          type: array
          items:
            $ref: '#/components/schemas/Event'
        statements:
          type: array
          items:
            $ref: '#/components/schemas/Statement'
        follow_ups:
          type: array
          items:
            $ref: '#/components/schemas/FollowUp'
    AccessLogEntry:
      type: object
      required: [seq, at, type, actor_role, data]
      properties:
        seq:
          type: integer
        at:
          $ref: '#/components/schemas/Timestamp'
        type:
          type: string
          enum: [medical_data_viewed, data_exported]
        actor_role:
          type: string
        actor_staff_id:
          type: string
          format: uuid
          description: Absent for a party.
        actor_name:
          type: string
        data:
          type: object
    Event:
      type: object
      required: [seq, at, type, actor_role, data]
      properties:
        seq:
          type: integer
          minimum: 1
          description: Position in the case's history, from 1.
        at:
          $ref: '#/components/schemas/Timestamp'
        type:
          type: string
          description: >-
            At least `case_filed`, `case_triaged`, `party_invited`,
            `member_assigned`, `panel_completed`, `panel_changed`,
            `statement_added`, `reminder_sent`, `deadline_missed`, `escalated`,
            `ruling_recorded`, `follow_up_answered`, `follow_up_missed`,
            `case_withdrawn`, `appeal_lodged`, `letter_printed`,
            `medical_data_viewed`, `data_exported` and `personal_data_purged`
            (retention); more may be added.
        actor_role:
          type: string
          description: >-
            Who acted: a party role (`employee`, `employer`), a staff role, or
            `system` for the service itself (routing, invitations, timers,
            escalations).
          examples: [employee, intake_officer, system]
        actor_staff_id:
          type: [string, 'null']
          format: uuid
          description: >-
            The staff member who acted (null for parties and the system).
            Present only for staff callers.
        data:
          type: object
          description: >-
            Details of the event, by type (for example the new `status`, a
            `deviation_reason`, an escalation's `kind`). Parties never see a
            `staff_id` in it.
    EventList:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/Event'

    # ---- statements, panel changes and after-care ---------------------------
    StatementRequest:
      type: object
      required: [text]
      properties:
        text:
          type: string
          minLength: 1
          maxLength: 20000
          pattern: '\S'
        medical:
          type: [boolean, 'null']
          default: false
          description: >-
            Marks the statement as medical; only the employee or a panel
            physician may set it (else 422). Medical statements are shown only
            to those who may see medical fields.
    Statement:
      type: object
      description: A written statement; never changed or deleted.
      required: [id, author_role, medical, text, created_at]
      properties:
        id:
          type: string
          format: uuid
        author_role:
          type: string
          enum: [employee, employer, panel_member]
        author_staff_id:
          type: [string, 'null']
          format: uuid
          description: The panel member who wrote it (null for parties). Present only for staff callers.
        medical:
          type: boolean
        text:
          type: string
        created_at:
          $ref: '#/components/schemas/Timestamp'
    StatementList:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/Statement'
    PanelChangeRequest:
      type: object
      description: >-
        `discipline` is required for `add_discipline`, `staff_id` (a current
        member of this case's panel) for `replace_member`; the other is ignored.
      required: [action, motivation]
      properties:
        action:
          type: string
          enum: [add_discipline, replace_member]
        motivation:
          type: string
          minLength: 10
          maxLength: 20000
          pattern: '\S'
        discipline:
          oneOf:
            - $ref: '#/components/schemas/Discipline'
            - type: 'null'
        staff_id:
          type: [string, 'null']
          format: uuid
      allOf:
        - if:
            required: [action]
            properties:
              action:
                const: add_discipline
          then:
            required: [discipline]
            properties:
              discipline:
                $ref: '#/components/schemas/Discipline'
        - if:
            required: [action]
            properties:
              action:
                const: replace_member
          then:
            required: [staff_id]
            properties:
              staff_id:
                type: string
    RulingCarriedOut:
      type: string
      enum: ['yes', partly, 'no']
    ReturnToWork:
      type: string
      enum: [working_as_agreed, working_less, not_working, not_applicable]
    FollowUpAnswerRequest:
      type: object
      description: Work-related facts only; the questionnaire asks nothing medical.
      required: [ruling_carried_out, return_to_work, needs_help]
      properties:
        ruling_carried_out:
          $ref: '#/components/schemas/RulingCarriedOut'
        return_to_work:
          $ref: '#/components/schemas/ReturnToWork'
        needs_help:
          type: boolean
        remarks:
          type: [string, 'null']
          minLength: 1
          maxLength: 2000
          pattern: '\S'
    FollowUp:
      type: object
      description: An after-care check-in with one party; the answer fields are null until answered.
      required:
        - id
        - party
        - sequence
        - due_at
        - answer_by
        - answered_at
        - ruling_carried_out
        - return_to_work
        - needs_help
        - remarks
        - remarks_withheld
        - missed_at
      properties:
        id:
          type: string
          format: uuid
        party:
          $ref: '#/components/schemas/PartyRole'
        sequence:
          type: integer
          minimum: 1
          description: 1 for the first check-in after the ruling, and so on.
        due_at:
          $ref: '#/components/schemas/Timestamp'
        answer_by:
          $ref: '#/components/schemas/Timestamp'
        answered_at:
          type: [string, 'null']
          format: date-time
        ruling_carried_out:
          oneOf:
            - $ref: '#/components/schemas/RulingCarriedOut'
            - type: 'null'
        return_to_work:
          oneOf:
            - $ref: '#/components/schemas/ReturnToWork'
            - type: 'null'
        needs_help:
          type: [boolean, 'null']
        remarks:
          type: [string, 'null']
          description: Null when `remarks_withheld`.
        remarks_withheld:
          type: boolean
          description: >-
            True when the employee wrote remarks that this reader may not see. Free text from the employee
            follows the rule of the medical fields (the employee, intake officers, the panel's physicians).
        missed_at:
          type: [string, 'null']
          format: date-time
          description: When the check-in was marked missed (unanswered at `answer_by`); null otherwise.
    FollowUpList:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/FollowUp'

    # ---- absences ------------------------------------------------------------
    AbsenceRequest:
      type: object
      description: >-
        `ends_on` must not be before `starts_on` nor before today
        (Europe/Amsterdam), and at most 366 days after `starts_on` (else 422 on
        `ends_on`).
      required: [starts_on, ends_on]
      properties:
        starts_on:
          type: string
          format: date
        ends_on:
          type: string
          format: date
          description: The last day of the absence (inclusive).
        reason:
          type: [string, 'null']
          minLength: 1
          maxLength: 200
          pattern: '\S'
    Absence:
      type: object
      required: [id, staff_id, starts_on, ends_on, reason]
      properties:
        id:
          type: string
          format: uuid
        staff_id:
          type: string
          format: uuid
        starts_on:
          type: string
          format: date
        ends_on:
          type: string
          format: date
        reason:
          type: [string, 'null']
    AbsenceList:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/Absence'

    # ---- escalations and notifications -------------------------------------
    Escalation:
      type: object
      required: [id, case_id, reference, kind, detail, created_at, resolved_at]
      properties:
        id:
          type: integer
          format: int64
        case_id:
          type: string
          format: uuid
        reference:
          type: string
          pattern: '^EL-[0-9]{4}-[0-9]{6}$'
        kind:
          type: string
          description: >-
            `deadline_missed` (a stage's `due_by` passed), `awaiting_panel` (a
            `due_by` passed while the case still waits for panel members),
            `chair_absent` (the chair is absent on or around the ruling's
            `preferred_by`),
            `ruling_not_carried_out` (a party answered a check-in with `no`),
            `follow_ups_missed` (two check-ins went unanswered).
          enum: [deadline_missed, awaiting_panel, chair_absent, ruling_not_carried_out, follow_ups_missed]
        detail:
          type: string
          description: A short explanation in Dutch; never medical.
        created_at:
          $ref: '#/components/schemas/Timestamp'
        resolved_at:
          type: [string, 'null']
          format: date-time
    EscalationList:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/Escalation'
    Notification:
      type: object
      description: A message in the outbox (without its text).
      required:
        - id
        - case_id
        - reference
        - kind
        - channel
        - recipient_name
        - recipient_party
        - created_at
        - attempts
        - sent_at
        - failed_at
        - last_error
      properties:
        id:
          type: integer
          format: int64
        case_id:
          type: [string, 'null']
          format: uuid
        reference:
          type: [string, 'null']
          description: The case's reference; null when the message is about no case.
        kind:
          type: string
          description: >-
            What the message is about, e.g. `invitation`, `follow_up_due`,
            `case_received`, `case_triaged`, `panel_assigned`,
            `statement_from_other_party`, `ruling_recorded`, `new_case`,
            `member_assigned`, `statement_added`, `reminder`, `escalation`.
        channel:
          type: string
          enum: [email, letter]
          description: A party without an e-mail address gets invitations and check-ins as letters.
        recipient_name:
          type: [string, 'null']
        recipient_party:
          description: The party the message is for; null for staff.
          oneOf:
            - $ref: '#/components/schemas/PartyRole'
            - type: 'null'
        created_at:
          $ref: '#/components/schemas/Timestamp'
        attempts:
          type: integer
          minimum: 0
          description: Deliveries tried (for a letter, times printed).
        sent_at:
          type: [string, 'null']
          format: date-time
          description: When the e-mail was delivered or the letter first printed.
        failed_at:
          type: [string, 'null']
          format: date-time
          description: When delivery was given up; such an e-mail is not tried again.
        last_error:
          type: [string, 'null']
          description: The last delivery error, if any.
    NotificationList:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/Notification'
    CaseParties:
      type: object
      required: [items, other_party]
      properties:
        items:
          type: array
          items:
            type: object
            required: [role, filer, name, email, address, invited_at, verified_at, link_first_used_at]
            properties:
              role:
                $ref: '#/components/schemas/PartyRole'
              filer:
                type: boolean
              name:
                type: [string, 'null']
              email:
                type: [string, 'null']
              address:
                $ref: '#/components/schemas/PostalAddressOrNull'
              invited_at:
                type: [string, 'null']
                format: date-time
              verified_at:
                type: [string, 'null']
                format: date-time
              link_first_used_at:
                type: [string, 'null']
                format: date-time
        other_party:
          type: object
          required: [email, address, same_domain_as_filer]
          properties:
            email:
              type: [string, 'null']
            address:
              $ref: '#/components/schemas/PostalAddressOrNull'
            same_domain_as_filer:
              type: boolean
    Letter:
      type: object
      description: A letter to print and post.
      required: [id, reference, subject, body]
      properties:
        id:
          type: integer
          format: int64
        reference:
          type: string
          pattern: '^EL-[0-9]{4}-[0-9]{6}$'
        recipient_name:
          type: string
          description: Absent when the recipient's name is not known.
        recipient_address:
          $ref: '#/components/schemas/PostalAddress'
          description: The party's postal address for the envelope; absent when none is known.
        subject:
          type: string
        body:
          type: string
          description: >-
            The letter in Dutch; an invitation holds the party's private link
            with its access token (shown only here).

    # ---- statistics --------------------------------------------------------
    CountsByStatus:
      type: object
      required: [submitted, awaiting_panel, in_review, ruled, referred, answered, withdrawn]
      properties:
        submitted: {type: integer, minimum: 0}
        awaiting_panel: {type: integer, minimum: 0}
        in_review: {type: integer, minimum: 0}
        ruled: {type: integer, minimum: 0}
        referred: {type: integer, minimum: 0}
        answered: {type: integer, minimum: 0}
        withdrawn: {type: integer, minimum: 0}
    CountsByType:
      type: object
      required: [second_opinion, work_capacity, suitable_work, reintegration_effort, track_two, other]
      properties:
        second_opinion: {type: integer, minimum: 0}
        work_capacity: {type: integer, minimum: 0}
        suitable_work: {type: integer, minimum: 0}
        reintegration_effort: {type: integer, minimum: 0}
        track_two: {type: integer, minimum: 0}
        other: {type: integer, minimum: 0}
    Overview:
      type: object
      required: [cases_by_status, cases_by_type, median_days_to_ruling, share_ruled_within_due, share_rulings_carried_out]
      properties:
        cases_by_status:
          $ref: '#/components/schemas/CountsByStatus'
        cases_by_type:
          $ref: '#/components/schemas/CountsByType'
        median_days_to_ruling:
          type: [number, 'null']
          minimum: 0
          description: Median whole calendar days from filing to ruling; null while there are no rulings.
        share_ruled_within_due:
          type: [number, 'null']
          minimum: 0
          maximum: 1
          description: Share of rulings given on or before the ruling stage's `due_by`; null while there are no rulings.
        share_rulings_carried_out:
          type: [number, 'null']
          minimum: 0
          maximum: 1
          description: >-
            Of the ruled cases with at least one answered after-care check-in,
            the share whose latest answer (of either party) says the ruling is
            carried out (`yes`; `partly` and `no` count as not); null while no
            check-in has been answered.
    EmployerLine:
      type: object
      required: [kvk_number, name, cases, weighted_score]
      properties:
        kvk_number:
          type: string
          pattern: '^[0-9]{8}$'
        name:
          type: string
          description: The employer's name in its most recent filing.
        cases:
          type: array
          description: Accepted cases filed in `[year-2, year-1, year]`.
          minItems: 3
          maxItems: 3
          items:
            type: integer
            minimum: 0
        weighted_score:
          type: number
          description: (3*c(year) + 2*c(year-1) + 1*c(year-2)) / 6
    Employers:
      type: object
      required: [year, minimum_cases, items]
      properties:
        year:
          type: integer
          description: The year reported on.
        minimum_cases:
          type: integer
          description: Employers with fewer cases over the three years are left out (5).
        items:
          type: array
          description: Highest `weighted_score` first.
          items:
            $ref: '#/components/schemas/EmployerLine'

"""#
}
