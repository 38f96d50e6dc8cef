// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title The dipr register of IP applications and their priority claims.
/// @notice Offices (WIPO ST.3 codes) are admitted by the registrar; each office's signer accounts record that
/// office's applications (canonical ST.13 application numbers) and priority claims. Everything an indexer needs
/// is in the events: it never has to call a view function at a past block.
interface IDiprRegister {
    /// @notice IP right of an application. Values are the ABI encoding (uint8) used in every call and event.
    enum IpType {
        Patent,
        UtilityModel,
        IndustrialDesign,
        Trademark
    }

    /// @notice How an application descends from a parent application of the same office.
    enum LinkKind {
        None,
        Divisional,
        Continuation,
        ContinuationInPart
    }

    /// @notice Life-cycle of an admitted office. `None` means never admitted.
    enum OfficeStatus {
        None,
        Active,
        Suspended
    }

    /// @notice A priority claim as the claimant's office records it.
    /// @param office ST.3 code of the office of first filing (it need not be on the register).
    /// @param filingDate Filing date of the claimed application, whole days since 1970-01-01 UTC.
    /// @param number Canonical application number of the claimed application, as an application number text.
    struct ClaimInput {
        bytes2 office;
        uint32 filingDate;
        bytes32 number;
    }

    /// @notice An application to record.
    /// @param number Canonical application number text: 1..32 ASCII characters of `[0-9A-Z.]`, left-aligned in
    /// the word and padded with zero bytes (what ethers' `encodeBytes32String` gives for up to 31 characters).
    /// A bytes32 instead of a string saves two ABI words per number in calldata and events, and makes
    /// {ClaimInput} a static struct; canonical numbers are at most 15 characters (domain.md §2.2).
    /// @param filingDate Whole days since 1970-01-01 UTC.
    /// @param ipType An {IpType} value.
    /// @param parentId Id of the parent application of the same office, or zero.
    /// @param linkKind A {LinkKind} value; `None` exactly when `parentId` is zero.
    /// @param claims Priority claims, recorded with sequence numbers 1..n in this order.
    struct ApplicationInput {
        bytes32 number;
        uint32 filingDate;
        uint8 ipType;
        bytes32 parentId;
        uint8 linkKind;
        ClaimInput[] claims;
    }

    /// @notice A document an office records for one of its applications ({recordDocument}): a search or
    /// examination result it shares with the offices of the family (Recommendation 15). The document itself never
    /// goes on chain; its hash binds the reference to its bytes.
    /// @param kind 1 search report, 2 written opinion, 3 examination report, 4 office action, 5 grant, 6 refusal
    /// (0 is never a kind).
    /// @param date The document's date, whole days since 1970-01-01 UTC.
    /// @param sha256 SHA-256 of the document's bytes.
    /// @param mediaType Its media type, e.g. `application/pdf`: 1..255 bytes.
    /// @param url Where the office's own node serves it to authenticated offices: 1..2048 bytes.
    struct DocumentInput {
        uint8 kind;
        uint32 date;
        bytes32 sha256;
        string mediaType;
        string url;
    }

    /// @notice One office write a signer signed off chain (EIP-712), for any relayer to submit ({relayWrites}).
    /// @param signer The signing account: a key, or a contract that signs through EIP-1271 (a multisig). The write
    /// runs as if `signer` had sent it, so `signer` must hold the role the write needs.
    /// @param data The ABI-encoded call of one office write: {registerApplication}, {registerApplications},
    /// {addPriorityClaim}, {withdrawPriorityClaim}, {correctFilingDate}, {correctIpType}, {commitApplication},
    /// {claimCommitment}, {revealApplication}, {recordDocument} or {recordInternationalReference}.
    /// @param nonce The signer's next nonce ({nonces}); each signed write is used once, in nonce order.
    /// @param deadline The last second (Unix time) the signature may be used.
    /// @param signature The signer's signature over {writeDigest}.
    struct SignedWrite {
        address signer;
        bytes data;
        uint256 nonce;
        uint256 deadline;
        bytes signature;
    }

    /// @notice The stored record of an application: one storage slot.
    /// @param office ST.3 code of the recording office; zero when the id is not registered.
    /// @param filingDate Whole days since 1970-01-01 UTC.
    /// @param ipType An {IpType} value.
    /// @param linkKind A {LinkKind} value.
    /// @param claimCount Number of claims ever recorded (sequence numbers 1..claimCount).
    /// @param withdrawnMask Bit `s - 1` is set when the claim with sequence number `s` was withdrawn.
    /// @param claimsDigest Hash chain over every recorded claim, see {claimsDigest}.
    struct Application {
        bytes2 office;
        uint32 filingDate;
        uint8 ipType;
        uint8 linkKind;
        uint8 claimCount;
        uint64 withdrawnMask;
        uint120 claimsDigest;
    }

    // ---------------------------------------------------------------- errors

    /// @notice `account` does not hold the registrar role (`DEFAULT_ADMIN_ROLE`).
    error DiprRegisterUnauthorizedRegistrar(address account);
    /// @notice `office` is not two upper-case letters A–Z.
    error DiprRegisterInvalidOfficeCode(bytes2 office);
    /// @notice `office` was admitted already.
    error DiprRegisterOfficeAlreadyAdmitted(bytes2 office);
    /// @notice `office` was never admitted.
    error DiprRegisterUnknownOffice(bytes2 office);
    /// @notice `office` is suspended and may not write.
    error DiprRegisterOfficeSuspended(bytes2 office);
    /// @notice An office name is 1..256 bytes with no control character (below 0x20, or 0x7f).
    error DiprRegisterInvalidOfficeName(bytes2 office, string name);
    /// @notice `office` is active; only a suspended office's keys can be reset.
    error DiprRegisterOfficeNotSuspended(bytes2 office);
    /// @notice `role` is neither the registrar role nor a current role of an admitted, active office.
    error DiprRegisterUnknownRole(bytes32 role);
    /// @notice `account` may not hold an office role: it is zero, the register itself, or the registrar
    /// (current or pending).
    error DiprRegisterInvalidRoleHolder(bytes32 role, address account);
    /// @notice `account` is not a signer of `office`.
    error DiprRegisterUnauthorizedSigner(bytes2 office, address account);
    /// @notice `account` is not an admin of `office`.
    error DiprRegisterUnauthorizedAdmin(bytes2 office, address account);
    /// @notice `number` is empty, has a character outside `[0-9A-Z.]`, or a non-zero byte after its first zero byte.
    error DiprRegisterInvalidNumber(bytes32 number);
    /// @notice `filingDate` is zero or later than the chain's current day `today` (+1 for time zones).
    error DiprRegisterInvalidFilingDate(uint32 filingDate, uint32 today);
    /// @notice `ipType` is not an {IpType} value.
    error DiprRegisterInvalidIpType(uint8 ipType);
    /// @notice `parentId` and `linkKind` do not agree (both set or both empty, `linkKind` a {LinkKind}).
    error DiprRegisterInvalidLink(bytes32 parentId, uint8 linkKind);
    /// @notice The parent `parentId` belongs to `parentOffice`, not to `office`.
    error DiprRegisterParentOfficeMismatch(bytes32 parentId, bytes2 parentOffice, bytes2 office);
    /// @notice `applicationId` is registered already.
    error DiprRegisterApplicationExists(bytes32 applicationId);
    /// @notice `applicationId` is not registered.
    error DiprRegisterUnknownApplication(bytes32 applicationId);
    /// @notice A claim's date `claimedFilingDate` is not before the claimant's filing date `filingDate`.
    error DiprRegisterClaimNotEarlier(
        bytes32 applicationId, bytes32 claimedId, uint32 claimedFilingDate, uint32 filingDate
    );
    /// @notice `applicationId` claims its own priority.
    error DiprRegisterSelfClaim(bytes32 applicationId);
    /// @notice `applicationId` already has an active claim of `claimedId`.
    error DiprRegisterDuplicateClaim(bytes32 applicationId, bytes32 claimedId);
    /// @notice `applicationId` would exceed {MAX_CLAIMS} recorded claims.
    error DiprRegisterTooManyClaims(bytes32 applicationId, uint256 count, uint256 max);
    /// @notice The claims passed as the record of `applicationId` do not match its stored digest.
    error DiprRegisterClaimsMismatch(bytes32 applicationId, uint120 expectedDigest, uint120 givenDigest);
    /// @notice `applicationId` has no claim with sequence number `sequence`.
    error DiprRegisterUnknownClaim(bytes32 applicationId, uint8 sequence);
    /// @notice A batch must hold 1..{MAX_BATCH} applications.
    error DiprRegisterInvalidBatchSize(uint256 size, uint256 max);
    /// @notice A batch may record at most {MAX_BATCH_CLAIMS} priority claims in all.
    error DiprRegisterTooManyBatchClaims(uint256 claims, uint256 max);
    /// @notice `commitment` is zero, or recorded already.
    error DiprRegisterInvalidCommitment(bytes32 commitment);
    /// @notice No blinded application has `commitment`.
    error DiprRegisterUnknownCommitment(bytes32 commitment);
    /// @notice The blinded application `commitment` was revealed already.
    error DiprRegisterCommitmentRevealed(bytes32 commitment);
    /// @notice The fields given do not hash to `commitment` (they give `computed`).
    error DiprRegisterRevealMismatch(bytes32 commitment, bytes32 computed);
    /// @notice The signature of `signer` expired at `deadline`.
    error DiprRegisterSignatureExpired(address signer, uint256 deadline);
    /// @notice The signature is not `signer`'s over the request as given.
    error DiprRegisterInvalidSignature(address signer);
    /// @notice A signed write's `data` calls `selector`, which is no office write ({SignedWrite-data} lists them).
    error DiprRegisterUnsignableCall(bytes4 selector);
    /// @notice The signed write of `signer` calling `selector` failed without a reason: its data does not decode as
    /// that function's arguments, or the relayer gave it too little gas.
    error DiprRegisterSignedCallFailed(address signer, bytes4 selector);
    /// @notice `kind` is no document kind (1..6).
    error DiprRegisterInvalidDocumentKind(uint8 kind);
    /// @notice A document's `date` is zero or later than the chain's current day `today` (+1 for time zones).
    error DiprRegisterInvalidDocumentDate(uint32 date, uint32 today);
    /// @notice A document's media type is empty or longer than 255 bytes.
    error DiprRegisterInvalidMediaType(string mediaType);
    /// @notice A document's URL is empty or longer than 2048 bytes.
    error DiprRegisterInvalidDocumentUrl(string url);
    /// @notice The document `documentId` (the same application, hash, kind and date) is recorded already.
    error DiprRegisterDuplicateDocument(bytes32 documentId);
    /// @notice `kind` is no international reference kind (1..4), or `text` is empty or longer than
    /// 64 bytes.
    error DiprRegisterInvalidInternationalReference(uint8 kind, string text);
    /// @notice `applicationId` has the international reference (`kind`, `text`) already.
    error DiprRegisterDuplicateInternationalReference(bytes32 applicationId, uint8 kind, string text);

    // ---------------------------------------------------------------- events

    /// @notice `office` was admitted with `name`; `admin` holds `adminRole`, which administers itself and `signerRole`.
    event OfficeAdmitted(
        bytes2 indexed office, string name, address indexed admin, bytes32 adminRole, bytes32 signerRole
    );
    /// @notice `office` may no longer write; its records stay.
    event OfficeSuspended(bytes2 indexed office);
    /// @notice `office` may write again.
    event OfficeReinstated(bytes2 indexed office);
    /// @notice The registrar reset the keys of the suspended `office`: every earlier admin and signer key of the
    /// office lost its role at once, and `admin` holds the new `adminRole`, which administers itself and the new
    /// `signerRole`. `keyEpoch` counts the resets.
    event OfficeKeysReset(
        bytes2 indexed office, address indexed admin, uint32 keyEpoch, bytes32 adminRole, bytes32 signerRole
    );
    /// @notice `office` recorded `applicationId` (= keccak256(abi.encodePacked(office, number))).
    event ApplicationRegistered(
        bytes2 indexed office, bytes32 indexed applicationId, bytes32 number, uint32 filingDate, uint8 ipType
    );
    /// @notice `applicationId` descends from `parentId` of the same office.
    event ApplicationLinked(
        bytes2 indexed office, bytes32 indexed applicationId, bytes32 indexed parentId, uint8 linkKind
    );
    /// @notice `applicationId` claims the priority of `claimedId`
    /// (= keccak256(abi.encodePacked(claimedOffice, claimedNumber))).
    event PriorityClaimed(
        bytes2 indexed office,
        bytes32 indexed applicationId,
        bytes32 indexed claimedId,
        uint8 sequence,
        bytes2 claimedOffice,
        uint32 claimedFilingDate,
        bytes32 claimedNumber
    );
    /// @notice The claim with sequence number `sequence` of `applicationId` was withdrawn.
    event PriorityClaimWithdrawn(bytes2 indexed office, bytes32 indexed applicationId, uint8 sequence);
    /// @notice The office corrected the filing date of `applicationId`.
    event FilingDateCorrected(
        bytes2 indexed office, bytes32 indexed applicationId, uint32 previousDate, uint32 filingDate
    );
    /// @notice `office` recorded an unpublished application as `commitment` ({commitmentOf}); nothing else of it is
    /// on chain until it is revealed.
    event ApplicationCommitted(bytes2 indexed office, bytes32 indexed commitment);
    /// @notice `claimant` (an application id or a commitment of `office`) claims the priority of the blinded
    /// application `claimedCommitment`: an opaque link, readable only by whoever holds the claimed access code.
    event CommitmentClaimed(bytes2 indexed office, bytes32 indexed claimant, bytes32 indexed claimedCommitment);
    /// @notice The blinded application `commitment` was published: it is `applicationId` now, registered in clear
    /// in the same transaction ({ApplicationRegistered} and its claims come first).
    event CommitmentRevealed(bytes2 indexed office, bytes32 indexed commitment, bytes32 indexed applicationId);
    /// @notice The office corrected the IP type of `applicationId`.
    event IpTypeCorrected(bytes2 indexed office, bytes32 indexed applicationId, uint8 previousType, uint8 ipType);
    /// @notice `office` recorded a document of `applicationId` (a clear application, or the commitment of a blinded
    /// one), `documentId` = keccak256(abi.encode(applicationId, sha256, kind, date)). Carries the whole reference.
    event DocumentRecorded(
        bytes2 indexed office,
        bytes32 indexed applicationId,
        bytes32 indexed documentId,
        uint8 kind,
        uint32 date,
        bytes32 sha256,
        string mediaType,
        string url
    );
    /// @notice `office` recorded that `applicationId` (a clear application or a commitment) is known to an
    /// international register as `text` (Recommendation 12): kind 1 a PCT international application, 2 a Madrid or
    /// 3 a Hague international registration, 4 a WIPO CASE dossier.
    event InternationalReferenceRecorded(bytes2 indexed office, bytes32 indexed applicationId, uint8 kind, string text);

    // ---------------------------------------------------------------- registrar

    /// @notice Admits `office` with `name` and its first admin account.
    /// @dev Requirements: caller has the registrar role (`DEFAULT_ADMIN_ROLE`); `office` is two letters A–Z and
    /// new; `name` is 1..256 bytes without control characters; `admin` is not zero, the register or the
    /// registrar. Emits {OfficeAdmitted} and AccessControl's {RoleGranted}.
    function admitOffice(bytes2 office, string calldata name, address admin) external;

    /// @notice Stops every write of `office` (records, and new keys). Revoking keys stays possible.
    /// @dev Caller has the registrar role. May emit {OfficeSuspended}; a second suspension is a no-op.
    function suspendOffice(bytes2 office) external;

    /// @notice Lets a suspended `office` write again.
    /// @dev Caller has the registrar role. May emit {OfficeReinstated}; reinstating an active office is a no-op.
    function reinstateOffice(bytes2 office) external;

    /// @notice Recovers a suspended `office` whose admin keys are lost or compromised: every admin and signer key
    /// of the office loses its role, and `admin` becomes its only admin. The office stays suspended until the
    /// registrar reinstates it; then `admin` grants new signers. The registrar never holds an office role itself.
    /// @dev Caller has the registrar role; `admin` as in {admitOffice}. Emits {OfficeKeysReset}, AccessControl's
    /// {RoleAdminChanged} for the two new roles and {RoleGranted}.
    function resetOfficeKeys(bytes2 office, address admin) external;

    // ---------------------------------------------------------------- office keys

    /// @notice Grants `account` the signer role of `office`. Caller is an admin of `office`; the office is active.
    /// @dev May emit AccessControl's {RoleGranted}.
    function grantSigner(bytes2 office, address account) external;

    /// @notice Revokes the signer role of `office` from `account`.
    /// Caller is an admin of `office`; this works even while the office is suspended.
    /// @dev May emit AccessControl's {RoleRevoked}.
    function revokeSigner(bytes2 office, address account) external;

    // ---------------------------------------------------------------- applications

    /// @notice Records one application of `office`. Caller is a signer of the active `office`.
    /// @dev Emits {ApplicationRegistered}, then {ApplicationLinked} if it has a parent, then one {PriorityClaimed}
    /// per claim. Reverts with the first rule the input breaks; see the errors above.
    /// @return applicationId keccak256(abi.encodePacked(office, application.number)).
    function registerApplication(bytes2 office, ApplicationInput calldata application)
        external
        returns (bytes32 applicationId);

    /// @notice Records 1..{MAX_BATCH} applications with at most {MAX_BATCH_CLAIMS} claims in all, of `office`,
    /// in one transaction, all or none.
    /// @dev Same rules and events as {registerApplication}, which shares its internal path.
    function registerApplications(bytes2 office, ApplicationInput[] calldata applications) external;

    /// @notice Adds a priority claim to `applicationId`.
    /// @param recorded Every claim recorded so far, in sequence order (checked against the stored digest), so the
    /// contract can reject a duplicate without storing claims.
    /// @dev Emits {PriorityClaimed} with the next sequence number.
    function addPriorityClaim(bytes32 applicationId, ClaimInput[] calldata recorded, ClaimInput calldata claim)
        external;

    /// @notice Withdraws claim `sequence` of `applicationId`. Withdrawing a withdrawn claim is a no-op.
    /// @dev May emit {PriorityClaimWithdrawn}.
    function withdrawPriorityClaim(bytes32 applicationId, uint8 sequence) external;

    /// @notice Corrects the filing date of `applicationId`; every active claim must stay earlier.
    /// @param recorded Every claim recorded so far, in sequence order (checked against the stored digest).
    /// @dev May emit {FilingDateCorrected}; the same date is a no-op.
    function correctFilingDate(bytes32 applicationId, ClaimInput[] calldata recorded, uint32 filingDate) external;

    /// @notice Corrects the IP type of `applicationId`. May emit {IpTypeCorrected}; the same type is a no-op.
    function correctIpType(bytes32 applicationId, uint8 ipType) external;

    // ---------------------------------------------------------------- signed writes

    /// @notice Submits office writes that signers signed off chain, in order, each checked as if its signer had
    /// sent it: the deadline, the signature (EIP-712, or EIP-1271 for a contract signer), the signer's next nonce,
    /// then the write itself with the signer as its caller, so the write's own rules (the signer's role in the
    /// record's office first) apply unchanged. Anyone may relay; all or nothing.
    /// @dev Reverts with {DiprRegisterSignatureExpired}, {DiprRegisterUnsignableCall},
    /// {DiprRegisterInvalidSignature}, OpenZeppelin's {Nonces-InvalidAccountNonce}, the write's own error unchanged,
    /// or {DiprRegisterSignedCallFailed}. Emits what each write emits, in order.
    function relayWrites(SignedWrite[] calldata requests) external;

    /// @notice The EIP-712 digest `signer` signs for a write: the typed data
    /// `SignedWrite(address signer,bytes data,uint256 nonce,uint256 deadline)` (`data` hashed with keccak256) in the
    /// domain ("DiprRegister", "1", this chain, this contract).
    function writeDigest(address signer, bytes calldata data, uint256 nonce, uint256 deadline)
        external
        view
        returns (bytes32);

    // ---------------------------------------------------------------- documents and international references

    /// @notice Records a document of `applicationId`: a clear application, or the commitment of a blinded one (a
    /// document of an unpublished application is readable with its access code before the family is on the
    /// register). Caller is a signer of the application's active office. Only the id is stored, to refuse the same
    /// document twice; the event carries the reference.
    /// @dev Reverts {DiprRegisterUnknownApplication}, {DiprRegisterUnauthorizedSigner}, {DiprRegisterUnknownOffice},
    /// {DiprRegisterOfficeSuspended}, {DiprRegisterInvalidDocumentKind}, {DiprRegisterInvalidDocumentDate},
    /// {DiprRegisterInvalidMediaType}, {DiprRegisterInvalidDocumentUrl}, {DiprRegisterDuplicateDocument}, in this
    /// order. Emits {DocumentRecorded}.
    /// @return documentId keccak256(abi.encode(applicationId, document.sha256, document.kind, document.date)).
    function recordDocument(bytes32 applicationId, DocumentInput calldata document)
        external
        returns (bytes32 documentId);

    /// @notice Records an international reference of `applicationId` (a clear application or a commitment): `kind`
    /// 1..4 as in {InternationalReferenceRecorded}, `text` as people write it (1..64 bytes; the
    /// register does not parse it, nodes do). Caller is a signer of the application's active office. The same
    /// reference twice reverts {DiprRegisterDuplicateInternationalReference}.
    /// @dev Emits {InternationalReferenceRecorded}.
    function recordInternationalReference(bytes32 applicationId, uint8 kind, string calldata text) external;

    // ---------------------------------------------------------------- unpublished applications

    /// @notice Records an unpublished application of `office` as a commitment ({commitmentOf}) over its number,
    /// filing date, IP type and an access code the office gives the applicant, with the priority claims it makes of
    /// other blinded applications (their commitments, named by the applicant). Caller is a signer of the active
    /// `office`. Emits {ApplicationCommitted}, then one {CommitmentClaimed} per claim.
    function commitApplication(bytes2 office, bytes32 commitment, bytes32[] calldata claimedCommitments) external;

    /// @notice Records that `claimant` (an application id or a commitment of the caller's office) claims the
    /// priority of the blinded application `claimedCommitment`, which the applicant named. Emits {CommitmentClaimed};
    /// the same link twice reverts.
    function claimCommitment(bytes32 claimant, bytes32 claimedCommitment) external;

    /// @notice Publishes the blinded application `commitment`: the fields and access code must hash to it; the
    /// application is then registered in clear, as by {registerApplication}. Caller is a signer of the commitment's
    /// active office. Emits the registration's events, then {CommitmentRevealed}.
    function revealApplication(bytes32 commitment, ApplicationInput calldata application, bytes32 accessCode) external;

    /// @notice keccak256(abi.encode("dipr.app.v1", office, number, filingDate, ipType, accessCode)): the commitment of
    /// an unpublished application. With an access code of 128 random bits or more, nobody without the code can find
    /// the number by trying serial numbers and dates.
    function commitmentOf(bytes2 office, bytes32 number, uint32 filingDate, uint8 ipType, bytes32 accessCode)
        external
        pure
        returns (bytes32);

    /// @notice The office of the blinded application `commitment` (zero when unknown), and whether it was revealed.
    function getCommitment(bytes32 commitment) external view returns (bytes2 office, bool revealed);

    // ---------------------------------------------------------------- views

    /// @notice The stored record of `applicationId` (office zero when unknown).
    function getApplication(bytes32 applicationId) external view returns (Application memory);

    /// @notice Status of `office`.
    function officeStatus(bytes2 office) external view returns (OfficeStatus);

    /// @notice How many times the keys of `office` were reset ({resetOfficeKeys}).
    function officeKeyEpoch(bytes2 office) external view returns (uint32);

    /// @notice The role whose members write the records of `office` now (it changes when its keys are reset).
    function signerRole(bytes2 office) external view returns (bytes32);

    /// @notice The role whose members manage the keys of `office` now (it changes when its keys are reset).
    function adminRole(bytes2 office) external view returns (bytes32);

    /// @notice keccak256(abi.encodePacked(office, number)), the 34 bytes of the code and the padded number: the
    /// id of an application, on the register or not. Reverts {DiprRegisterInvalidNumber} for a malformed number.
    function applicationId(bytes2 office, bytes32 number) external pure returns (bytes32);

    /// @notice Digest of `claims` as {Application-claimsDigest} stores it: d0 = 0,
    /// d_i = uint120(keccak256(abi.encode(d_{i-1}, office_i, filingDate_i, number_i))).
    function claimsDigest(ClaimInput[] calldata claims) external pure returns (uint120);
}
