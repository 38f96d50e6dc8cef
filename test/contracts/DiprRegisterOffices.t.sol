// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IDiprRegister} from "../../contracts/IDiprRegister.sol";
import {DiprRegisterBase} from "./support/DiprRegisterBase.sol";

/// @notice Office codes are two letters A–Z; a suspended office writes nothing and keeps its records until the
/// registrar reinstates it.
contract DiprRegisterOfficesTest is DiprRegisterBase {
    uint32 private constant FILING_DATE = TODAY - 100;
    bytes32 private constant RECORD_NUMBER = "2026000123";
    bytes32 private constant FRESH_NUMBER = "2026000999";

    address private admin;
    address private signer;

    function setUp() public override {
        super.setUp();
        admin = makeAddr("admin");
        signer = makeAddr("signer");
    }

    // ------------------------------------------------------------ office codes

    /// Each byte is a letter, the fuzzed byte, or a byte next to the letter range, so each byte's check and each
    /// edge of the range is exercised.
    function testFuzz_AdmitOfficeRejectsCodeOutsideTwoUpperCaseLetters(bytes2 raw, uint16 firstPick, uint16 secondPick)
        public
    {
        bytes2 office = bytes2(abi.encodePacked(_codeByte(raw[0], firstPick), _codeByte(raw[1], secondPick)));
        vm.assume(!_isUpperLetter(office[0]) || !_isUpperLetter(office[1]));
        _assertAdmissionRejected(office);
    }

    /// The bytes just outside A–Z, in either position, and the lower-case and empty codes.
    function test_AdmitOfficeRejectsCodesNextToTheLetterRange() public {
        bytes2[8] memory codes = [bytes2("@A"), "[A", "A@", "A[", "aa", "Ea", bytes2(0), bytes2(0x4500)];
        for (uint256 i = 0; i < codes.length; ++i) {
            _assertAdmissionRejected(codes[i]);
        }
    }

    function testFuzz_AdmitOfficeAcceptsTwoUpperCaseLetters(uint8 first, uint8 second) public {
        bytes2 office = _officeCode(first, second);
        _admitOffice(office, admin);
        assertEq(uint256(register.officeStatus(office)), uint256(IDiprRegister.OfficeStatus.Active), "admitted");
        assertTrue(register.hasRole(register.adminRole(office), admin), "admin granted");
    }

    // ------------------------------------------------------------ suspension

    function testFuzz_SuspendedOfficeWritesNothingAndKeepsRecords(uint8 x1, uint8 x2, uint8 y1, uint8 y2) public {
        (bytes2 office, bytes2 otherOffice) = _twoOffices(x1, x2, y1, y2);
        IDiprRegister.ClaimInput[] memory claims = _claims(_claim(otherOffice, FILING_DATE - 200, "2025000042"));
        bytes32 id = _registerAs(signer, office, _application(RECORD_NUMBER, FILING_DATE, claims));
        bytes32 recordBefore = _recordHash(id);
        bytes32 freshId = register.applicationId(office, FRESH_NUMBER);

        vm.prank(registrar);
        register.suspendOffice(office);
        assertEq(
            uint256(register.officeStatus(office)), uint256(IDiprRegister.OfficeStatus.Suspended), "office suspended"
        );

        bytes memory suspended = abi.encodeWithSelector(IDiprRegister.DiprRegisterOfficeSuspended.selector, office);
        IDiprRegister.ApplicationInput memory fresh = _application(FRESH_NUMBER, FILING_DATE, _noClaims());
        IDiprRegister.ApplicationInput[] memory batch = new IDiprRegister.ApplicationInput[](1);
        batch[0] = fresh;
        vm.startPrank(signer);
        vm.expectRevert(suspended);
        register.registerApplication(office, fresh);
        vm.expectRevert(suspended);
        register.registerApplications(office, batch);
        vm.expectRevert(suspended);
        register.addPriorityClaim(id, claims, _claim(otherOffice, FILING_DATE - 300, "2025000077"));
        vm.expectRevert(suspended);
        register.withdrawPriorityClaim(id, 1);
        vm.expectRevert(suspended);
        register.correctFilingDate(id, claims, FILING_DATE - 1);
        vm.expectRevert(suspended);
        register.correctIpType(id, uint8(IDiprRegister.IpType.Trademark));
        vm.stopPrank();

        assertEq(_recordHash(id), recordBefore, "record kept unchanged");
        _assertUnregistered(freshId, "fresh application not recorded");

        // The suspension is per office: the other office writes as before.
        vm.prank(signer);
        register.registerApplication(otherOffice, fresh);
        assertEq(
            bytes32(register.getApplication(register.applicationId(otherOffice, FRESH_NUMBER)).office),
            bytes32(otherOffice),
            "other office still writes"
        );
    }

    /// No new keys while suspended, through the register or through AccessControl.
    function testFuzz_SuspendedOfficeGrantsNoSigners(uint8 x1, uint8 x2, uint8 y1, uint8 y2) public {
        (bytes2 office,) = _twoOffices(x1, x2, y1, y2);
        address candidate = makeAddr("candidate");
        bytes32 signerRole = register.signerRole(office);
        bytes32 adminRole = register.adminRole(office);
        vm.prank(registrar);
        register.suspendOffice(office);

        bytes memory suspended = abi.encodeWithSelector(IDiprRegister.DiprRegisterOfficeSuspended.selector, office);
        vm.startPrank(admin);
        vm.expectRevert(suspended);
        register.grantSigner(office, candidate);
        vm.expectRevert(suspended);
        register.grantRole(signerRole, candidate);
        vm.expectRevert(suspended);
        register.grantRole(adminRole, candidate);
        vm.stopPrank();

        assertTrue(!register.hasRole(signerRole, candidate), "no signer granted");
        assertTrue(!register.hasRole(adminRole, candidate), "no admin granted");
    }

    function testFuzz_SuspendedOfficeCanStillRevokeSigners(uint8 x1, uint8 x2, uint8 y1, uint8 y2) public {
        (bytes2 office,) = _twoOffices(x1, x2, y1, y2);
        vm.prank(registrar);
        register.suspendOffice(office);

        vm.prank(admin);
        register.revokeSigner(office, signer);
        assertTrue(!register.hasRole(register.signerRole(office), signer), "signer revoked while suspended");
    }

    function testFuzz_ReinstatedOfficeWritesAgain(uint8 x1, uint8 x2, uint8 y1, uint8 y2) public {
        (bytes2 office,) = _twoOffices(x1, x2, y1, y2);
        bytes32 id = _registerAs(signer, office, _application(RECORD_NUMBER, FILING_DATE, _noClaims()));
        address candidate = makeAddr("candidate");
        vm.startPrank(registrar);
        register.suspendOffice(office);
        register.reinstateOffice(office);
        vm.stopPrank();
        assertEq(uint256(register.officeStatus(office)), uint256(IDiprRegister.OfficeStatus.Active), "reinstated");

        vm.startPrank(signer);
        bytes32 freshId = register.registerApplication(office, _application(FRESH_NUMBER, FILING_DATE, _noClaims()));
        register.correctIpType(id, uint8(IDiprRegister.IpType.Trademark));
        vm.stopPrank();
        _grantSigner(office, admin, candidate);

        assertEq(bytes32(register.getApplication(freshId).office), bytes32(office), "fresh application recorded");
        assertEq(register.getApplication(id).ipType, uint8(IDiprRegister.IpType.Trademark), "ip type corrected");
        assertTrue(register.hasRole(register.signerRole(office), candidate), "signer granted");
    }

    // ------------------------------------------------------------ helpers

    /// @dev Admits two distinct offices, each with `admin` as admin and `signer` as signer.
    function _twoOffices(uint8 x1, uint8 x2, uint8 y1, uint8 y2) private returns (bytes2 office, bytes2 other) {
        office = _officeCode(x1, x2);
        other = _officeCode(y1, y2);
        vm.assume(office != other);
        _admitOffice(office, admin);
        _admitOffice(other, admin);
        _grantSigner(office, admin, signer);
        _grantSigner(other, admin, signer);
    }

    function _assertAdmissionRejected(bytes2 office) private {
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterInvalidOfficeCode.selector, office));
        vm.prank(registrar);
        register.admitOffice(office, "Invalid office", admin);
        assertEq(uint256(register.officeStatus(office)), uint256(IDiprRegister.OfficeStatus.None), "not admitted");
    }

    /// @dev By `pick`: a letter A–Z, `raw` itself, or one of the bytes just outside A–Z ('@', '[', 'a', 0x00).
    function _codeByte(bytes1 raw, uint16 pick) private pure returns (bytes1) {
        bytes4 outside = 0x405b6100;
        if (pick % 3 == 0) return _letter(uint8(pick >> 8));
        if (pick % 3 == 1) return raw;
        return outside[(pick >> 8) % 4];
    }

    function _isUpperLetter(bytes1 c) private pure returns (bool) {
        return c >= "A" && c <= "Z";
    }
}
