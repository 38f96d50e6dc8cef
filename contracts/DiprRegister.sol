// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IDiprRegister} from "./IDiprRegister.sol";

/// @title DiprRegister
/// @notice Office-signed register of IP applications and priority claims. See {IDiprRegister}.
/// @dev Permissions are OpenZeppelin AccessControl roles: the registrar holds `DEFAULT_ADMIN_ROLE`; each office
/// has an admin role (administering itself, so an office rotates its own admin keys) and a signer role
/// administered by that admin role. The registrar holds neither, so it cannot write any office's records.
///
/// Storage holds one slot per application. Claims live in events; the slot keeps a 120-bit hash chain over
/// them so later writes that depend on the claims (a new claim must not duplicate one, a corrected filing date
/// must stay after every claim) take the recorded claims as calldata and prove them against the chain.
contract DiprRegister is IDiprRegister, AccessControl {
    /// @notice Largest batch {registerApplications} takes: 500 applications of ~30,000 gas fit a 30M-gas block.
    uint256 public constant MAX_BATCH = 500;
    /// @notice Most claims an application records over its life (the width of {Application-withdrawnMask}).
    uint256 public constant MAX_CLAIMS = 64;

    uint256 private constant MAX_NUMBER_LENGTH = 32;
    uint256 private constant MAX_NAME_LENGTH = 256;

    mapping(bytes32 applicationId => Application) private _applications;
    mapping(bytes2 office => OfficeStatus) private _officeStatus;
    /// The office whose admin or signer role `role` is, so key grants can be refused while it is suspended.
    mapping(bytes32 role => bytes2 office) private _officeOfRole;

    constructor(address registrar) {
        _grantRole(DEFAULT_ADMIN_ROLE, registrar);
    }

    // ------------------------------------------------------------ registrar

    /// @inheritdoc IDiprRegister
    function admitOffice(bytes2 office, string calldata name, address admin) external {
        _authorizeRegistrar();
        _checkOfficeCode(office);
        if (_officeStatus[office] != OfficeStatus.None) revert DiprRegisterOfficeAlreadyAdmitted(office);
        uint256 nameLength = bytes(name).length;
        if (nameLength == 0 || nameLength > MAX_NAME_LENGTH || admin == address(0)) {
            revert DiprRegisterInvalidOfficeAdmission(office, nameLength, admin);
        }
        bytes32 officeAdmin = adminRole(office);
        bytes32 officeSigner = signerRole(office);
        _officeStatus[office] = OfficeStatus.Active;
        _officeOfRole[officeAdmin] = office;
        _officeOfRole[officeSigner] = office;
        _setRoleAdmin(officeAdmin, officeAdmin);
        _setRoleAdmin(officeSigner, officeAdmin);
        emit OfficeAdmitted(office, name, admin, officeAdmin, officeSigner);
        _grantRole(officeAdmin, admin);
    }

    /// @inheritdoc IDiprRegister
    function suspendOffice(bytes2 office) external {
        _authorizeRegistrar();
        OfficeStatus status = _officeStatus[office];
        if (status == OfficeStatus.None) revert DiprRegisterUnknownOffice(office);
        if (status == OfficeStatus.Suspended) return;
        _officeStatus[office] = OfficeStatus.Suspended;
        emit OfficeSuspended(office);
    }

    /// @inheritdoc IDiprRegister
    function reinstateOffice(bytes2 office) external {
        _authorizeRegistrar();
        OfficeStatus status = _officeStatus[office];
        if (status == OfficeStatus.None) revert DiprRegisterUnknownOffice(office);
        if (status == OfficeStatus.Active) return;
        _officeStatus[office] = OfficeStatus.Active;
        emit OfficeReinstated(office);
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

    /// @dev Every grant, through {grantSigner} or AccessControl's {grantRole}, is refused while the office is
    /// suspended: a suspended office must not be able to add keys. Revocations stay open for compromised keys.
    function _grantRole(bytes32 role, address account) internal override returns (bool) {
        bytes2 office = _officeOfRole[role];
        if (office != bytes2(0) && _officeStatus[office] == OfficeStatus.Suspended) {
            revert DiprRegisterOfficeSuspended(office);
        }
        return super._grantRole(role, account);
    }

    // ------------------------------------------------------------ applications

    /// @inheritdoc IDiprRegister
    function registerApplication(bytes2 office, ApplicationInput calldata application)
        external
        returns (bytes32 applicationId_)
    {
        _authorizeSigner(office);
        return _register(office, application, _today());
    }

    /// @inheritdoc IDiprRegister
    function registerApplications(bytes2 office, ApplicationInput[] calldata applications) external {
        uint256 count = applications.length;
        if (count == 0 || count > MAX_BATCH) revert DiprRegisterInvalidBatchSize(count, MAX_BATCH);
        _authorizeSigner(office);
        uint32 today = _today();
        for (uint256 i = 0; i < count; ++i) {
            _register(office, applications[i], today);
        }
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
        Application storage stored = _applications[applicationId_];
        stored.claimCount = sequence;
        stored.claimsDigest = _chain(digest, claim);
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
        _applications[applicationId_].withdrawnMask = record.withdrawnMask | bit;
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
        _applications[applicationId_].filingDate = filingDate;
        emit FilingDateCorrected(record.office, applicationId_, record.filingDate, filingDate);
    }

    /// @inheritdoc IDiprRegister
    function correctIpType(bytes32 applicationId_, uint8 ipType) external {
        Application memory record = _authorizedRecord(applicationId_);
        _checkIpType(ipType);
        if (ipType == record.ipType) return;
        _applications[applicationId_].ipType = ipType;
        emit IpTypeCorrected(record.office, applicationId_, record.ipType, ipType);
    }

    // ------------------------------------------------------------ views

    /// @inheritdoc IDiprRegister
    function getApplication(bytes32 applicationId_) external view returns (Application memory) {
        return _applications[applicationId_];
    }

    /// @inheritdoc IDiprRegister
    function officeStatus(bytes2 office) external view returns (OfficeStatus) {
        return _officeStatus[office];
    }

    /// @inheritdoc IDiprRegister
    function signerRole(bytes2 office) public pure returns (bytes32) {
        return keccak256(abi.encode("dipr.office.signer", office));
    }

    /// @inheritdoc IDiprRegister
    function adminRole(bytes2 office) public pure returns (bytes32) {
        return keccak256(abi.encode("dipr.office.admin", office));
    }

    /// @inheritdoc IDiprRegister
    function applicationId(bytes2 office, string calldata number) external pure returns (bytes32) {
        return _applicationId(office, number);
    }

    /// @inheritdoc IDiprRegister
    function claimsDigest(ClaimInput[] calldata claims) external pure returns (uint120 digest) {
        for (uint256 i = 0; i < claims.length; ++i) {
            digest = _chain(digest, claims[i]);
        }
    }

    // ------------------------------------------------------------ internal

    /// The one path for single and batch registration; the caller has authorized `office` already.
    function _register(bytes2 office, ApplicationInput calldata application, uint32 today)
        private
        returns (bytes32 id)
    {
        _checkNumber(application.number);
        id = _applicationId(office, application.number);
        if (_applications[id].office != bytes2(0)) revert DiprRegisterApplicationExists(id);
        _checkFilingDate(application.filingDate, today);
        _checkIpType(application.ipType);
        _checkLink(office, application.parentId, application.linkKind);
        uint256 claimCount = application.claims.length;
        if (claimCount > MAX_CLAIMS) revert DiprRegisterTooManyClaims(id, claimCount, MAX_CLAIMS);

        emit ApplicationRegistered(office, id, application.number, application.filingDate, application.ipType);
        if (application.linkKind != uint8(LinkKind.None)) {
            emit ApplicationLinked(office, id, application.parentId, application.linkKind);
        }
        uint120 digest = _recordClaims(office, id, application.filingDate, application.claims);
        _applications[id] = Application({
            office: office,
            filingDate: application.filingDate,
            ipType: application.ipType,
            linkKind: application.linkKind,
            claimCount: uint8(claimCount),
            withdrawnMask: 0,
            claimsDigest: digest
        });
    }

    /// Checks and emits the claims of a new application; returns their digest.
    function _recordClaims(bytes2 office, bytes32 id, uint32 filingDate, ClaimInput[] calldata claims)
        private
        returns (uint120 digest)
    {
        bytes32[] memory claimedIds = new bytes32[](claims.length);
        for (uint256 i = 0; i < claims.length; ++i) {
            ClaimInput calldata claim = claims[i];
            bytes32 claimedId = _checkClaim(id, filingDate, claim);
            // Quadratic, but n is small (MAX_CLAIMS) and this avoids a storage write per claim.
            for (uint256 j = 0; j < i; ++j) {
                if (claimedIds[j] == claimedId) revert DiprRegisterDuplicateClaim(id, claimedId);
            }
            claimedIds[i] = claimedId;
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
        _checkNumber(claim.number);
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

    function _isActive(Application memory record, uint256 index) private pure returns (bool) {
        return (uint256(record.withdrawnMask) >> index) & 1 == 0;
    }

    function _authorizedRecord(bytes32 id) private view returns (Application memory record) {
        record = _applications[id];
        if (record.office == bytes2(0)) revert DiprRegisterUnknownApplication(id);
        _authorizeSigner(record.office);
    }

    function _authorizeRegistrar() private view {
        if (!hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) revert DiprRegisterUnauthorizedRegistrar(msg.sender);
    }

    function _authorizeAdmin(bytes2 office) private view {
        if (!hasRole(adminRole(office), msg.sender)) revert DiprRegisterUnauthorizedAdmin(office, msg.sender);
    }

    function _authorizeSigner(bytes2 office) private view {
        if (!hasRole(signerRole(office), msg.sender)) revert DiprRegisterUnauthorizedSigner(office, msg.sender);
        OfficeStatus status = _officeStatus[office];
        if (status == OfficeStatus.Suspended) revert DiprRegisterOfficeSuspended(office);
    }

    function _checkLink(bytes2 office, bytes32 parentId, uint8 linkKind) private view {
        if (linkKind > uint8(type(LinkKind).max) || (parentId == bytes32(0)) != (linkKind == uint8(LinkKind.None))) {
            revert DiprRegisterInvalidLink(parentId, linkKind);
        }
        if (parentId == bytes32(0)) return;
        bytes2 parentOffice = _applications[parentId].office;
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
        if (!_isUpperLetter(office[0]) || !_isUpperLetter(office[1])) revert DiprRegisterInvalidOfficeCode(office);
    }

    /// Canonical numbers (../shared/domain.md §2.2) use digits, upper-case letters and one `.` before a check
    /// character; anything else means the caller skipped normalisation.
    function _checkNumber(string calldata number) private pure {
        bytes calldata text = bytes(number);
        uint256 length = text.length;
        if (length == 0 || length > MAX_NUMBER_LENGTH) revert DiprRegisterInvalidNumber(number);
        for (uint256 i = 0; i < length; ++i) {
            bytes1 c = text[i];
            if (!(_isUpperLetter(c) || (c >= "0" && c <= "9") || c == ".")) revert DiprRegisterInvalidNumber(number);
        }
    }

    function _isUpperLetter(bytes1 c) private pure returns (bool) {
        return c >= "A" && c <= "Z";
    }

    function _applicationId(bytes2 office, string calldata number) private pure returns (bytes32) {
        return keccak256(abi.encodePacked(office, ":", number));
    }
}
