// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IDiprRegister} from "./IDiprRegister.sol";

/// @title DiprRegister
/// @notice Office-signed register of IP applications and priority claims. See {IDiprRegister}.
/// @dev Permissions are OpenZeppelin AccessControl roles. The registrar holds `DEFAULT_ADMIN_ROLE` under
/// {AccessControlDefaultAdminRules}: one holder, handed over in two steps with a delay. Each admitted office has an
/// admin role (administering itself, so an office rotates its own admin keys) and a signer role administered by
/// that admin role. Every grant, through any path, must name a current role of an admitted, active office, and
/// never the registrar: the registrar cannot write any office's records. The registrar may reset the keys of a
/// suspended office (new roles, a new admin it names), publicly, so an office whose admin key was lost or taken can
/// be recovered.
///
/// Storage holds one slot per application. Claims live in events; the slot keeps a 120-bit hash chain over
/// them so later writes that depend on the claims (a new claim must not duplicate one, a corrected filing date
/// must stay after every claim) take the recorded claims as calldata and prove them against the chain.
contract DiprRegister is IDiprRegister, AccessControlDefaultAdminRules, EIP712, Nonces {
    /// @notice Most claims an application records over its life (the width of {Application-withdrawnMask}).
    uint256 public constant MAX_CLAIMS = 64;
    /// @notice Largest batch {registerApplications} takes. Sized so that the costliest batch the contract accepts
    /// ({MAX_BATCH} linked applications carrying {MAX_BATCH_CLAIMS} claims, every number 32 characters) stays under
    /// the 16,777,216-gas cap on one transaction (EIP-7825) with a margin; test/contracts/batch-limits.test.ts
    /// measures it.
    uint256 public constant MAX_BATCH = 250;
    /// @notice Most priority claims one batch records, over all its applications.
    uint256 public constant MAX_BATCH_CLAIMS = 500;

    uint256 private constant MAX_NAME_LENGTH = 256;
    /// Bitmap over byte values: bit b is set for "A"-"Z" (65-90).
    uint256 private constant UPPER_LETTERS = 0x7fffffe0000000000000000;
    bytes32 private constant ADMIN_ROLE_TAG = "dipr.office.admin";
    bytes32 private constant SIGNER_ROLE_TAG = "dipr.office.signer";
    /// Domain separation of {commitmentOf}: a commitment can never equal another hash dipr computes.
    string private constant COMMITMENT_TAG = "dipr.app.v1";
    uint256 private constant REVEALED = 1 << 16;
    /// The document kinds are 1..6 and the international reference kinds 1..4 ({IDiprRegister-DocumentRecorded}).
    uint8 private constant MAX_DOCUMENT_KIND = 6;
    uint8 private constant MAX_INTERNATIONAL_KIND = 4;
    /// RFC 6838 allows 127 characters each for type and subtype.
    uint256 private constant MAX_MEDIA_TYPE_LENGTH = 255;
    uint256 private constant MAX_URL_LENGTH = 2048;
    /// The longest form of a reference (`PCT/EP2024/012345`, a WIPO CASE office and number) is far shorter.
    uint256 private constant MAX_REFERENCE_LENGTH = 64;
    /// keccak256("SignedWrite(address signer,bytes data,uint256 nonce,uint256 deadline)")
    bytes32 private constant SIGNED_WRITE_TYPEHASH =
        keccak256("SignedWrite(address signer,bytes data,uint256 nonce,uint256 deadline)");

    /// An office's status and how many times its keys were reset, in one slot: a write reads both with one load.
    struct OfficeState {
        OfficeStatus status;
        uint32 keyEpoch;
    }

    /// Each application's {Application} record packed into one word, low bits first: office 16 | filingDate 32 |
    /// ipType 8 | linkKind 8 | claimCount 8 | withdrawnMask 64 | claimsDigest 120. Zero means not registered
    /// (an admitted office code is never zero). Packing by hand writes the slot once per registration.
    mapping(bytes32 applicationId => uint256 packedRecord) private _records;
    mapping(bytes2 office => OfficeState) private _offices;
    /// The office whose admin or signer role (of any key epoch) `role` is.
    mapping(bytes32 role => bytes2 office) private _officeOfRole;
    /// Each blinded application's office (low 16 bits) and {REVEALED} flag: one slot, nothing of the application.
    mapping(bytes32 commitment => uint256 packedCommitment) private _commitments;
    /// The links {claimCommitment} recorded, by keccak256(claimant, claimedCommitment), to refuse one twice.
    mapping(bytes32 link => bool) private _commitmentClaims;
    /// The documents recorded, by id, to refuse one twice; the reference itself is in its event only.
    mapping(bytes32 documentId => bool) private _documents;
    /// The international references recorded, by keccak256(applicationId, kind, keccak256(text)), to refuse one twice.
    mapping(bytes32 referenceKey => bool) private _internationalReferences;

    /// @param registrar The first holder of the registrar role.
    /// @param handoverDelay Seconds between the start of a registrar handover and the earliest time the new
    /// registrar may accept it (OpenZeppelin {AccessControlDefaultAdminRules}).
    constructor(address registrar, uint48 handoverDelay)
        AccessControlDefaultAdminRules(handoverDelay, registrar)
        EIP712("DiprRegister", "1")
    {}

    // ------------------------------------------------------------ registrar

    /// @inheritdoc IDiprRegister
    function admitOffice(bytes2 office, string calldata name, address admin) external {
        _authorizeRegistrar();
        _checkOfficeCode(office);
        if (_offices[office].status != OfficeStatus.None) revert DiprRegisterOfficeAlreadyAdmitted(office);
        _checkOfficeName(office, name);
        _offices[office] = OfficeState({status: OfficeStatus.Active, keyEpoch: 0});
        (bytes32 officeAdmin, bytes32 officeSigner) = _setUpRoles(office, 0);
        emit OfficeAdmitted(office, name, admin, officeAdmin, officeSigner);
        _grantRole(officeAdmin, admin);
    }

    /// @inheritdoc IDiprRegister
    function suspendOffice(bytes2 office) external {
        _authorizeRegistrar();
        OfficeStatus status = _offices[office].status;
        if (status == OfficeStatus.None) revert DiprRegisterUnknownOffice(office);
        if (status == OfficeStatus.Suspended) return;
        _offices[office].status = OfficeStatus.Suspended;
        emit OfficeSuspended(office);
    }

    /// @inheritdoc IDiprRegister
    function reinstateOffice(bytes2 office) external {
        _authorizeRegistrar();
        OfficeStatus status = _offices[office].status;
        if (status == OfficeStatus.None) revert DiprRegisterUnknownOffice(office);
        if (status == OfficeStatus.Active) return;
        _offices[office].status = OfficeStatus.Active;
        emit OfficeReinstated(office);
    }

    /// @inheritdoc IDiprRegister
    function resetOfficeKeys(bytes2 office, address admin) external {
        _authorizeRegistrar();
        OfficeState memory state = _offices[office];
        if (state.status == OfficeStatus.None) revert DiprRegisterUnknownOffice(office);
        if (state.status != OfficeStatus.Suspended) revert DiprRegisterOfficeNotSuspended(office);
        // New roles instead of revoking members one by one: AccessControl cannot list a role's members, and a
        // rogue admin may have granted keys nobody knows of. The old roles stay mapped to the office, so the
        // grant check below refuses them as stale.
        uint32 keyEpoch = state.keyEpoch + 1;
        _offices[office].keyEpoch = keyEpoch;
        (bytes32 officeAdmin, bytes32 officeSigner) = _setUpRoles(office, keyEpoch);
        emit OfficeKeysReset(office, admin, keyEpoch, officeAdmin, officeSigner);
        _checkRoleHolder(officeAdmin, admin);
        // The office is suspended, which {_grantRole} refuses: this grant is the one the reset itself makes.
        super._grantRole(officeAdmin, admin);
    }

    // ------------------------------------------------------------ office keys

    /// @inheritdoc IDiprRegister
    function grantSigner(bytes2 office, address account) external {
        _authorizeAdmin(office);
        _grantRole(signerRole(office), account);
    }

    /// @inheritdoc IDiprRegister
    function revokeSigner(bytes2 office, address account) external {
        _authorizeAdmin(office);
        _revokeRole(signerRole(office), account);
    }

    /// @dev Every grant, through {admitOffice}, {grantSigner} or AccessControl's {grantRole}, passes here. The
    /// registrar role follows {AccessControlDefaultAdminRules}; any other role must be a current role of an
    /// admitted office that is active (a suspended office adds no keys), and its holder may not be the registrar.
    /// Before this check, the admin of a role of an office not yet admitted was `DEFAULT_ADMIN_ROLE`, so the
    /// registrar could have taken it. Revocations stay open, for compromised keys.
    function _grantRole(bytes32 role, address account) internal override returns (bool) {
        if (role == DEFAULT_ADMIN_ROLE) return super._grantRole(role, account);
        bytes2 office = _officeOfRole[role];
        OfficeState memory state = _offices[office];
        if (
            office == bytes2(0)
                || (role != _role(ADMIN_ROLE_TAG, office, state.keyEpoch)
                    && role != _role(SIGNER_ROLE_TAG, office, state.keyEpoch))
        ) {
            revert DiprRegisterUnknownRole(role);
        }
        if (state.status != OfficeStatus.Active) revert DiprRegisterOfficeSuspended(office);
        _checkRoleHolder(role, account);
        return super._grantRole(role, account);
    }

    // ------------------------------------------------------------ applications

    /// @inheritdoc IDiprRegister
    function registerApplication(bytes2 office, ApplicationInput calldata application)
        external
        returns (bytes32 applicationId_)
    {
        _authorizeSigner(office);
        applicationId_ = _applicationId(office, application.number);
        _register(office, application, _today());
    }

    /// @inheritdoc IDiprRegister
    function registerApplications(bytes2 office, ApplicationInput[] calldata applications) external {
        _authorizeSigner(office);
        _registerBatch(office, applications);
    }

    /// A batch of {registerApplications}, whose caller has been authorized for `office`.
    function _registerBatch(bytes2 office, ApplicationInput[] calldata applications) private {
        uint256 count = applications.length;
        if (count == 0 || count > MAX_BATCH) revert DiprRegisterInvalidBatchSize(count, MAX_BATCH);
        uint32 today = _today();
        uint256 claimTotal;
        for (uint256 i = 0; i < count; ) {
            ApplicationInput calldata application = applications[i];
            claimTotal += application.claims.length;
            _register(office, application, today);
            unchecked {
                ++i;
            }
        }
        if (claimTotal > MAX_BATCH_CLAIMS) revert DiprRegisterTooManyBatchClaims(claimTotal, MAX_BATCH_CLAIMS);
    }

    /// @inheritdoc IDiprRegister
    function addPriorityClaim(bytes32 applicationId_, ClaimInput[] calldata recorded, ClaimInput calldata claim)
        external
    {
        Application memory record = _authorizedRecord(applicationId_);
        uint120 digest = _verifyRecorded(applicationId_, record, recorded);
        if (record.claimCount >= MAX_CLAIMS) {
            revert DiprRegisterTooManyClaims(applicationId_, uint256(record.claimCount) + 1, MAX_CLAIMS);
        }
        bytes32 claimedId = _checkClaim(applicationId_, record.filingDate, claim);
        for (uint256 i = 0; i < recorded.length; ++i) {
            if (_isActive(record, i) && _applicationId(recorded[i].office, recorded[i].number) == claimedId) {
                revert DiprRegisterDuplicateClaim(applicationId_, claimedId);
            }
        }
        uint8 sequence = record.claimCount + 1;
        record.claimCount = sequence;
        record.claimsDigest = _chain(digest, claim);
        _records[applicationId_] = _pack(record);
        emit PriorityClaimed(
            record.office, applicationId_, claimedId, sequence, claim.office, claim.filingDate, claim.number
        );
    }

    /// @inheritdoc IDiprRegister
    function withdrawPriorityClaim(bytes32 applicationId_, uint8 sequence) external {
        Application memory record = _authorizedRecord(applicationId_);
        if (sequence == 0 || sequence > record.claimCount) revert DiprRegisterUnknownClaim(applicationId_, sequence);
        uint64 bit = uint64(1) << (sequence - 1);
        if (record.withdrawnMask & bit != 0) return;
        record.withdrawnMask |= bit;
        _records[applicationId_] = _pack(record);
        emit PriorityClaimWithdrawn(record.office, applicationId_, sequence);
    }

    /// @inheritdoc IDiprRegister
    function correctFilingDate(bytes32 applicationId_, ClaimInput[] calldata recorded, uint32 filingDate) external {
        Application memory record = _authorizedRecord(applicationId_);
        _verifyRecorded(applicationId_, record, recorded);
        _checkFilingDate(filingDate, _today());
        if (filingDate == record.filingDate) return;
        for (uint256 i = 0; i < recorded.length; ++i) {
            if (_isActive(record, i) && recorded[i].filingDate >= filingDate) {
                revert DiprRegisterClaimNotEarlier(
                    applicationId_,
                    _applicationId(recorded[i].office, recorded[i].number),
                    recorded[i].filingDate,
                    filingDate
                );
            }
        }
        uint32 previousDate = record.filingDate;
        record.filingDate = filingDate;
        _records[applicationId_] = _pack(record);
        emit FilingDateCorrected(record.office, applicationId_, previousDate, filingDate);
    }

    /// @inheritdoc IDiprRegister
    function correctIpType(bytes32 applicationId_, uint8 ipType) external {
        Application memory record = _authorizedRecord(applicationId_);
        _checkIpType(ipType);
        if (ipType == record.ipType) return;
        uint8 previousType = record.ipType;
        record.ipType = ipType;
        _records[applicationId_] = _pack(record);
        emit IpTypeCorrected(record.office, applicationId_, previousType, ipType);
    }

    // ------------------------------------------------------------ signed writes

    /// @inheritdoc IDiprRegister
    function relayWrites(SignedWrite[] calldata requests) external {
        for (uint256 i = 0; i < requests.length; ) {
            SignedWrite calldata request = requests[i];
            address signer = request.signer;
            uint256 deadline = request.deadline;
            if (block.timestamp > deadline) revert DiprRegisterSignatureExpired(signer, deadline);
            bytes calldata data = request.data;
            bytes4 selector = _signableSelector(data);
            bytes32 digest = _writeDigest(signer, data, request.nonce, deadline);
            if (!SignatureChecker.isValidSignatureNowCalldata(signer, digest, request.signature)) {
                revert DiprRegisterInvalidSignature(signer);
            }
            _useCheckedNonce(signer, request.nonce);
            _callAsSigner(signer, selector, data);
            unchecked {
                ++i;
            }
        }
    }

    /// @inheritdoc IDiprRegister
    function writeDigest(address signer, bytes calldata data, uint256 nonce, uint256 deadline)
        external
        view
        returns (bytes32)
    {
        return _writeDigest(signer, data, nonce, deadline);
    }

    /// @dev The sender of a signed write that {relayWrites} runs: the register calls itself with the signer's
    /// address appended to the call (ERC-2771, with the register as its own trusted forwarder). Nothing else makes
    /// the register call itself: its only other outgoing call is {SignatureChecker}'s EIP-1271 `staticcall`, which
    /// finds no `isValidSignature` here, and no role can be granted to the register itself ({_checkRoleHolder}).
    function _msgSender() internal view override returns (address) {
        if (msg.sender == address(this) && msg.data.length >= 20) {
            return address(bytes20(msg.data[msg.data.length - 20:]));
        }
        return msg.sender;
    }

    /// @dev The call without the appended signer, for a signed write; see {_msgSender}.
    function _msgData() internal view override returns (bytes calldata) {
        if (msg.sender == address(this) && msg.data.length >= 20) return msg.data[:msg.data.length - 20];
        return msg.data;
    }

    /// @dev The 20 bytes of the signer {relayWrites} appends, as ERC-2771 contexts declare.
    function _contextSuffixLength() internal pure override returns (uint256) {
        return 20;
    }

    // ------------------------------------------------------------ unpublished applications

    /// @inheritdoc IDiprRegister
    function commitApplication(bytes2 office, bytes32 commitment, bytes32[] calldata claimedCommitments) external {
        _authorizeSigner(office);
        if (commitment == bytes32(0) || _commitments[commitment] != 0) revert DiprRegisterInvalidCommitment(commitment);
        if (claimedCommitments.length > MAX_CLAIMS) {
            revert DiprRegisterTooManyClaims(commitment, claimedCommitments.length, MAX_CLAIMS);
        }
        _commitments[commitment] = uint256(uint16(office));
        emit ApplicationCommitted(office, commitment);
        for (uint256 i = 0; i < claimedCommitments.length; ++i) {
            _linkCommitment(office, commitment, claimedCommitments[i]);
        }
    }

    /// @inheritdoc IDiprRegister
    function claimCommitment(bytes32 claimant, bytes32 claimedCommitment) external {
        bytes2 office = _officeOfSubject(claimant);
        _authorizeSigner(office);
        _linkCommitment(office, claimant, claimedCommitment);
    }

    /// @inheritdoc IDiprRegister
    function revealApplication(bytes32 commitment, ApplicationInput calldata application, bytes32 accessCode) external {
        uint256 state = _commitments[commitment];
        bytes2 office = bytes2(uint16(state));
        if (office == bytes2(0)) revert DiprRegisterUnknownCommitment(commitment);
        _authorizeSigner(office);
        if (state & REVEALED != 0) revert DiprRegisterCommitmentRevealed(commitment);
        bytes32 computed =
            commitmentOf(office, application.number, application.filingDate, application.ipType, accessCode);
        if (computed != commitment) revert DiprRegisterRevealMismatch(commitment, computed);
        _commitments[commitment] = state | REVEALED;
        _register(office, application, _today());
        emit CommitmentRevealed(office, commitment, _applicationId(office, application.number));
    }

    /// @inheritdoc IDiprRegister
    function commitmentOf(bytes2 office, bytes32 number, uint32 filingDate, uint8 ipType, bytes32 accessCode)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(COMMITMENT_TAG, office, number, filingDate, ipType, accessCode));
    }

    /// @inheritdoc IDiprRegister
    function getCommitment(bytes32 commitment) external view returns (bytes2 office, bool revealed) {
        uint256 state = _commitments[commitment];
        return (bytes2(uint16(state)), state & REVEALED != 0);
    }

    // ------------------------------------------------------------ documents and international references

    /// @inheritdoc IDiprRegister
    function recordDocument(bytes32 applicationId_, DocumentInput calldata document)
        external
        returns (bytes32 documentId)
    {
        bytes2 office = _officeOfSubject(applicationId_);
        _authorizeSigner(office);
        documentId = _checkDocument(applicationId_, document);
        if (_documents[documentId]) revert DiprRegisterDuplicateDocument(documentId);
        _documents[documentId] = true;
        emit DocumentRecorded(
            office,
            applicationId_,
            documentId,
            document.kind,
            document.date,
            document.sha256,
            document.mediaType,
            document.url
        );
    }

    /// @inheritdoc IDiprRegister
    function recordInternationalReference(bytes32 applicationId_, uint8 kind, string calldata text) external {
        bytes2 office = _officeOfSubject(applicationId_);
        _authorizeSigner(office);
        uint256 length = bytes(text).length;
        if (kind == 0 || kind > MAX_INTERNATIONAL_KIND || length == 0 || length > MAX_REFERENCE_LENGTH) {
            revert DiprRegisterInvalidInternationalReference(kind, text);
        }
        bytes32 referenceKey = keccak256(abi.encode(applicationId_, kind, keccak256(bytes(text))));
        if (_internationalReferences[referenceKey]) {
            revert DiprRegisterDuplicateInternationalReference(applicationId_, kind, text);
        }
        _internationalReferences[referenceKey] = true;
        emit InternationalReferenceRecorded(office, applicationId_, kind, text);
    }

    // ------------------------------------------------------------ views

    /// @inheritdoc IDiprRegister
    function getApplication(bytes32 applicationId_) external view returns (Application memory) {
        return _unpack(_records[applicationId_]);
    }

    /// @inheritdoc IDiprRegister
    function officeStatus(bytes2 office) external view returns (OfficeStatus) {
        return _offices[office].status;
    }

    /// @inheritdoc IDiprRegister
    function officeKeyEpoch(bytes2 office) external view returns (uint32) {
        return _offices[office].keyEpoch;
    }

    /// @inheritdoc IDiprRegister
    function signerRole(bytes2 office) public view returns (bytes32) {
        return _role(SIGNER_ROLE_TAG, office, _offices[office].keyEpoch);
    }

    /// @inheritdoc IDiprRegister
    function adminRole(bytes2 office) public view returns (bytes32) {
        return _role(ADMIN_ROLE_TAG, office, _offices[office].keyEpoch);
    }

    /// @inheritdoc IDiprRegister
    function applicationId(bytes2 office, bytes32 number) external pure returns (bytes32) {
        return _applicationId(office, number);
    }

    /// @inheritdoc IDiprRegister
    function claimsDigest(ClaimInput[] calldata claims) external pure returns (uint120 digest) {
        for (uint256 i = 0; i < claims.length; ++i) {
            digest = _chain(digest, claims[i]);
        }
    }

    // ------------------------------------------------------------ internal

    function _writeDigest(address signer, bytes calldata data, uint256 nonce, uint256 deadline)
        private
        view
        returns (bytes32)
    {
        bytes32 dataHash;
        assembly ("memory-safe") {
            // Scratch past the free memory pointer, left unmoved: a relayed batch does not grow memory per request.
            let free := mload(0x40)
            calldatacopy(free, data.offset, data.length)
            dataHash := keccak256(free, data.length)
        }
        return _hashTypedDataV4(keccak256(abi.encode(SIGNED_WRITE_TYPEHASH, signer, dataHash, nonce, deadline)));
    }

    /// The selector `data` calls, if it is an office write. A signed write must never reach the registrar's or an
    /// admin's functions, nor {relayWrites} itself.
    function _signableSelector(bytes calldata data) private pure returns (bytes4 selector) {
        selector = bytes4(data);
        if (
            data.length < 4
                || (selector != IDiprRegister.registerApplication.selector
                    && selector != IDiprRegister.registerApplications.selector
                    && selector != IDiprRegister.addPriorityClaim.selector
                    && selector != IDiprRegister.withdrawPriorityClaim.selector
                    && selector != IDiprRegister.correctFilingDate.selector
                    && selector != IDiprRegister.correctIpType.selector
                    && selector != IDiprRegister.commitApplication.selector
                    && selector != IDiprRegister.claimCommitment.selector
                    && selector != IDiprRegister.revealApplication.selector
                    && selector != IDiprRegister.recordDocument.selector
                    && selector != IDiprRegister.recordInternationalReference.selector)
        ) {
            revert DiprRegisterUnsignableCall(selector);
        }
    }

    /// Runs the office write `data` as `signer` ({_msgSender}), passing its revert on unchanged.
    function _callAsSigner(address signer, bytes4 selector, bytes calldata data) private {
        bool success;
        assembly ("memory-safe") {
            // Scratch past the free memory pointer, as in {_writeDigest}: data, then the signer's 20 bytes.
            let free := mload(0x40)
            calldatacopy(free, data.offset, data.length)
            mstore(add(free, data.length), shl(96, signer))
            success := call(gas(), address(), 0, free, add(data.length, 20), 0, 0)
            if and(iszero(success), gt(returndatasize(), 0)) {
                returndatacopy(free, 0, returndatasize())
                revert(free, returndatasize())
            }
        }
        // A revert without data: the call did not decode (or ran out of gas), so no rule of the write was reached.
        if (!success) revert DiprRegisterSignedCallFailed(signer, selector);
    }

    /// Records that `claimant` of `office` claims the blinded application `claimedCommitment`; the caller has
    /// authorized `office` already.
    function _linkCommitment(bytes2 office, bytes32 claimant, bytes32 claimedCommitment) private {
        if (_commitments[claimedCommitment] == 0) revert DiprRegisterUnknownCommitment(claimedCommitment);
        if (claimant == claimedCommitment) revert DiprRegisterSelfClaim(claimant);
        bytes32 link = keccak256(abi.encode(claimant, claimedCommitment));
        if (_commitmentClaims[link]) revert DiprRegisterDuplicateClaim(claimant, claimedCommitment);
        _commitmentClaims[link] = true;
        emit CommitmentClaimed(office, claimant, claimedCommitment);
    }

    /// Checks a document's fields and returns its id, the one nodes compute too (src/documents/reference.ts
    /// documentIdOf): media type and URL are not part of it.
    function _checkDocument(bytes32 id, DocumentInput calldata document) private view returns (bytes32) {
        uint8 kind = document.kind;
        uint32 date = document.date;
        if (kind == 0 || kind > MAX_DOCUMENT_KIND) revert DiprRegisterInvalidDocumentKind(kind);
        uint32 today = _today();
        if (date == 0 || date > today + 1) revert DiprRegisterInvalidDocumentDate(date, today);
        uint256 length = bytes(document.mediaType).length;
        if (length == 0 || length > MAX_MEDIA_TYPE_LENGTH) revert DiprRegisterInvalidMediaType(document.mediaType);
        length = bytes(document.url).length;
        if (length == 0 || length > MAX_URL_LENGTH) revert DiprRegisterInvalidDocumentUrl(document.url);
        return keccak256(abi.encode(id, document.sha256, kind, date));
    }

    /// The office of `id`, a clear record or a commitment (either way in the low 16 bits of its slot).
    function _officeOfSubject(bytes32 id) private view returns (bytes2 office) {
        office = bytes2(uint16(_records[id]));
        if (office == bytes2(0)) office = bytes2(uint16(_commitments[id]));
        if (office == bytes2(0)) revert DiprRegisterUnknownApplication(id);
    }

    /// The one path for single and batch registration; the caller has authorized `office` already.
    function _register(bytes2 office, ApplicationInput calldata application, uint32 today) private {
        // Calldata fields are read once into locals: each read of a calldata struct member re-validates it.
        bytes32 number = application.number;
        uint32 filingDate = application.filingDate;
        uint8 ipType = application.ipType;
        uint8 linkKind = application.linkKind;
        bytes32 id = _applicationId(office, number);
        if (_records[id] != 0) revert DiprRegisterApplicationExists(id);
        _checkFilingDate(filingDate, today);
        _checkIpType(ipType);
        _checkLink(office, application.parentId, linkKind);
        ClaimInput[] calldata claims = application.claims;
        if (claims.length > MAX_CLAIMS) revert DiprRegisterTooManyClaims(id, claims.length, MAX_CLAIMS);

        emit ApplicationRegistered(office, id, number, filingDate, ipType);
        if (linkKind != uint8(LinkKind.None)) emit ApplicationLinked(office, id, application.parentId, linkKind);
        uint120 digest = _recordClaims(office, id, filingDate, claims);
        _records[id] = uint256(uint16(office)) | (uint256(filingDate) << 16) | (uint256(ipType) << 48)
            | (uint256(linkKind) << 56) | (claims.length << 64) | (uint256(digest) << 136);
    }

    /// Checks and emits the claims of a new application; returns their digest.
    function _recordClaims(bytes2 office, bytes32 id, uint32 filingDate, ClaimInput[] calldata claims)
        private
        returns (uint120 digest)
    {
        for (uint256 i = 0; i < claims.length; ++i) {
            ClaimInput calldata claim = claims[i];
            bytes32 claimedId = _checkClaim(id, filingDate, claim);
            // Quadratic, but n is small (MAX_CLAIMS) and this avoids a storage write per claim. Equal
            // (office, number) pairs are exactly equal ids.
            for (uint256 j = 0; j < i; ++j) {
                if (claims[j].number == claim.number && claims[j].office == claim.office) {
                    revert DiprRegisterDuplicateClaim(id, claimedId);
                }
            }
            digest = _chain(digest, claim);
            emit PriorityClaimed(office, id, claimedId, uint8(i + 1), claim.office, claim.filingDate, claim.number);
        }
    }

    function _checkClaim(bytes32 id, uint32 filingDate, ClaimInput calldata claim)
        private
        pure
        returns (bytes32 claimedId)
    {
        _checkOfficeCode(claim.office);
        claimedId = _applicationId(claim.office, claim.number);
        if (claimedId == id) revert DiprRegisterSelfClaim(id);
        if (claim.filingDate >= filingDate) {
            revert DiprRegisterClaimNotEarlier(id, claimedId, claim.filingDate, filingDate);
        }
    }

    function _verifyRecorded(bytes32 id, Application memory record, ClaimInput[] calldata recorded)
        private
        pure
        returns (uint120 digest)
    {
        for (uint256 i = 0; i < recorded.length; ++i) {
            digest = _chain(digest, recorded[i]);
        }
        if (recorded.length != record.claimCount || digest != record.claimsDigest) {
            revert DiprRegisterClaimsMismatch(id, record.claimsDigest, digest);
        }
    }

    function _chain(uint120 digest, ClaimInput calldata claim) private pure returns (uint120) {
        return uint120(uint256(keccak256(abi.encode(digest, claim.office, claim.filingDate, claim.number))));
    }

    function _pack(Application memory record) private pure returns (uint256) {
        return uint256(uint16(record.office)) | (uint256(record.filingDate) << 16) | (uint256(record.ipType) << 48)
            | (uint256(record.linkKind) << 56) | (uint256(record.claimCount) << 64)
            | (uint256(record.withdrawnMask) << 72) | (uint256(record.claimsDigest) << 136);
    }

    function _unpack(uint256 packed) private pure returns (Application memory record) {
        record.office = bytes2(uint16(packed));
        record.filingDate = uint32(packed >> 16);
        record.ipType = uint8(packed >> 48);
        record.linkKind = uint8(packed >> 56);
        record.claimCount = uint8(packed >> 64);
        record.withdrawnMask = uint64(packed >> 72);
        record.claimsDigest = uint120(packed >> 136);
    }

    function _isActive(Application memory record, uint256 index) private pure returns (bool) {
        return (uint256(record.withdrawnMask) >> index) & 1 == 0;
    }

    function _authorizedRecord(bytes32 id) private view returns (Application memory record) {
        record = _unpack(_records[id]);
        if (record.office == bytes2(0)) revert DiprRegisterUnknownApplication(id);
        _authorizeSigner(record.office);
    }

    function _authorizeRegistrar() private view {
        address sender = _msgSender();
        if (!hasRole(DEFAULT_ADMIN_ROLE, sender)) revert DiprRegisterUnauthorizedRegistrar(sender);
    }

    function _authorizeAdmin(bytes2 office) private view {
        address sender = _msgSender();
        if (!hasRole(adminRole(office), sender)) revert DiprRegisterUnauthorizedAdmin(office, sender);
    }

    /// The caller ({_msgSender}: the signer of a relayed write) is a signer of the current key epoch of an
    /// admitted, active office. An office never admitted has no signer (no grant can name its roles), and is refused
    /// here as well, so no check rests on the other alone.
    function _authorizeSigner(bytes2 office) private view {
        address account = _msgSender();
        OfficeState memory state = _offices[office];
        if (!hasRole(_role(SIGNER_ROLE_TAG, office, state.keyEpoch), account)) {
            revert DiprRegisterUnauthorizedSigner(office, account);
        }
        if (state.status != OfficeStatus.Active) {
            if (state.status == OfficeStatus.None) revert DiprRegisterUnknownOffice(office);
            revert DiprRegisterOfficeSuspended(office);
        }
    }

    /// The admin and signer roles of `office` in key epoch `keyEpoch`, mapped to the office and administered by
    /// the admin role.
    function _setUpRoles(bytes2 office, uint32 keyEpoch) private returns (bytes32 officeAdmin, bytes32 officeSigner) {
        officeAdmin = _role(ADMIN_ROLE_TAG, office, keyEpoch);
        officeSigner = _role(SIGNER_ROLE_TAG, office, keyEpoch);
        _officeOfRole[officeAdmin] = office;
        _officeOfRole[officeSigner] = office;
        _setRoleAdmin(officeAdmin, officeAdmin);
        _setRoleAdmin(officeSigner, officeAdmin);
    }

    function _role(bytes32 tag, bytes2 office, uint32 keyEpoch) private pure returns (bytes32 role) {
        assembly ("memory-safe") {
            let free := mload(0x40)
            mstore(free, tag)
            mstore(add(free, 0x20), office)
            mstore(add(free, 0x40), keyEpoch)
            role := keccak256(free, 0x60)
        }
    }

    /// An office role holder must be able to act and must not be the registrar, current or pending: the
    /// registrar names an office's first admin, never itself.
    function _checkRoleHolder(bytes32 role, address account) private view {
        (address pendingRegistrar,) = pendingDefaultAdmin();
        if (
            account == address(0) || account == address(this) || account == defaultAdmin()
                || account == pendingRegistrar
        ) {
            revert DiprRegisterInvalidRoleHolder(role, account);
        }
    }

    /// 1..256 bytes without control characters: names are shown in logs, terminals and web pages.
    function _checkOfficeName(bytes2 office, string calldata name) private pure {
        bytes calldata text = bytes(name);
        bool valid = text.length != 0 && text.length <= MAX_NAME_LENGTH;
        for (uint256 i = 0; valid && i < text.length; ++i) {
            bytes1 c = text[i];
            valid = c >= 0x20 && c != 0x7f;
        }
        if (!valid) revert DiprRegisterInvalidOfficeName(office, name);
    }

    function _checkLink(bytes2 office, bytes32 parentId, uint8 linkKind) private view {
        if (linkKind > uint8(type(LinkKind).max) || (parentId == bytes32(0)) != (linkKind == uint8(LinkKind.None))) {
            revert DiprRegisterInvalidLink(parentId, linkKind);
        }
        if (parentId == bytes32(0)) return;
        bytes2 parentOffice = bytes2(uint16(_records[parentId]));
        if (parentOffice == bytes2(0)) revert DiprRegisterUnknownApplication(parentId);
        if (parentOffice != office) revert DiprRegisterParentOfficeMismatch(parentId, parentOffice, office);
    }

    function _today() private view returns (uint32) {
        return uint32(block.timestamp / 1 days);
    }

    /// A filing date is a real past day: not zero, not after today (one day of slack for time zones ahead of UTC).
    function _checkFilingDate(uint32 filingDate, uint32 today) private pure {
        if (filingDate == 0 || filingDate > today + 1) revert DiprRegisterInvalidFilingDate(filingDate, today);
    }

    function _checkIpType(uint8 ipType) private pure {
        if (ipType > uint8(type(IpType).max)) revert DiprRegisterInvalidIpType(ipType);
    }

    function _checkOfficeCode(bytes2 office) private pure {
        bool valid;
        assembly ("memory-safe") {
            valid := and(and(shr(byte(0, office), UPPER_LETTERS), shr(byte(1, office), UPPER_LETTERS)), 1)
        }
        if (!valid) revert DiprRegisterInvalidOfficeCode(office);
    }

    /// Canonical numbers (docs/domain.md §2.2) use digits, upper-case letters and one `.` before a check
    /// character; anything else means the caller skipped normalisation.
    /// Reverts unless `text` is a well-formed number text: 1..32 characters of `[0-9A-Z.]`, then zero bytes only.
    /// The check runs on all 32 bytes at once (SWAR): it is on the hot path of batch registration, where a
    /// loop over the characters cost more than the rest of the validation together.
    function _checkNumber(bytes32 text) private pure {
        bool valid;
        assembly ("memory-safe") {
            let x := text
            let high := 0x8080808080808080808080808080808080808080808080808080808080808080
            let ones := 0x0101010101010101010101010101010101010101010101010101010101010101
            // With every byte below 0x80, ((x | high) - c * ones) & high has the top bit of each byte set exactly
            // where that byte is >= c, and no borrow crosses a byte.
            let orHigh := or(x, high)
            let nonZero := and(sub(orHigh, ones), high)
            let digit := and(and(sub(orHigh, mul(0x30, ones)), high), not(sub(orHigh, mul(0x3a, ones))))
            let upper := and(and(sub(orHigh, mul(0x41, ones)), high), not(sub(orHigh, mul(0x5b, ones))))
            let dot := and(and(sub(orHigh, mul(0x2e, ones)), high), not(sub(orHigh, mul(0x2f, ones))))
            let allowed := or(or(digit, upper), dot)
            // 0xff in each non-zero byte: must be a non-empty run from the most significant byte (no gaps).
            let filled := mul(shr(7, nonZero), 0xff)
            let rest := not(filled)
            valid := and(
                and(iszero(and(x, high)), iszero(and(nonZero, not(allowed)))),
                and(iszero(iszero(filled)), iszero(and(rest, add(rest, 1))))
            )
        }
        if (!valid) revert DiprRegisterInvalidNumber(text);
    }

    /// keccak256(abi.encodePacked(office, text)) after checking the number.
    function _applicationId(bytes2 office, bytes32 text) private pure returns (bytes32 id) {
        _checkNumber(text);
        assembly ("memory-safe") {
            mstore(0x00, office)
            mstore(0x02, text)
            id := keccak256(0x00, 34)
        }
    }
}
