// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IDiprRegister} from "../../contracts/IDiprRegister.sol";
import {DiprRegisterBase} from "./support/DiprRegisterBase.sol";

/// @notice Only the signers of an office change its records; only its admins manage its signers; only the
/// registrar admits, suspends and reinstates offices.
contract DiprRegisterAccessTest is DiprRegisterBase {
    uint32 private constant FILING_DATE = TODAY - 100;
    uint32 private constant CLAIM_DATE = TODAY - 300;
    bytes32 private constant RECORD_NUMBER = "2026000123";
    bytes32 private constant FRESH_NUMBER = "2026000999";

    address private adminX;
    address private signerX;
    address private adminY;
    address private signerY;

    bytes2 private officeX;
    bytes2 private officeY;
    /// @dev An application of office X with one claim, recorded by `signerX`.
    bytes32 private recordId;
    IDiprRegister.ClaimInput[] private recordedClaims;

    function setUp() public override {
        super.setUp();
        adminX = makeAddr("adminX");
        signerX = makeAddr("signerX");
        adminY = makeAddr("adminY");
        signerY = makeAddr("signerY");
    }

    // ------------------------------------------------------------ records

    function testFuzz_StrangerCannotWriteOfficeRecords(address stranger, uint8 x1, uint8 x2, uint8 y1, uint8 y2)
        public
    {
        vm.assume(stranger != signerX);
        _admitTwoOffices(x1, x2, y1, y2);
        _assertCannotWriteRecordsOfX(stranger);
    }

    function testFuzz_OtherOfficeKeysCannotWriteOfficeRecords(uint8 x1, uint8 x2, uint8 y1, uint8 y2) public {
        _admitTwoOffices(x1, x2, y1, y2);
        _assertCannotWriteRecordsOfX(adminY);
        _assertCannotWriteRecordsOfX(signerY);
    }

    function testFuzz_OfficeAdminWhoIsNoSignerCannotWriteRecords(uint8 x1, uint8 x2, uint8 y1, uint8 y2) public {
        _admitTwoOffices(x1, x2, y1, y2);
        _assertCannotWriteRecordsOfX(adminX);
    }

    function testFuzz_RegistrarCannotWriteOfficeRecords(uint8 x1, uint8 x2, uint8 y1, uint8 y2) public {
        _admitTwoOffices(x1, x2, y1, y2);
        _assertCannotWriteRecordsOfX(registrar);
    }

    function testFuzz_RevokedSignerCannotWriteOfficeRecords(uint8 x1, uint8 x2, uint8 y1, uint8 y2) public {
        _admitTwoOffices(x1, x2, y1, y2);
        vm.prank(adminX);
        register.revokeSigner(officeX, signerX);
        _assertCannotWriteRecordsOfX(signerX);
    }

    /// The control for the tests above: the same writes succeed from a signer of X.
    function testFuzz_OfficeSignerWritesItsRecords(uint8 x1, uint8 x2, uint8 y1, uint8 y2) public {
        _admitTwoOffices(x1, x2, y1, y2);
        IDiprRegister.ApplicationInput[] memory batch = new IDiprRegister.ApplicationInput[](1);
        batch[0] = _application("2026000998", FILING_DATE, _noClaims());
        IDiprRegister.ClaimInput memory newClaim = _claim(officeY, CLAIM_DATE, "2025000077");

        vm.startPrank(signerX);
        bytes32 freshId = register.registerApplication(officeX, _application(FRESH_NUMBER, FILING_DATE, _noClaims()));
        register.registerApplications(officeX, batch);
        register.addPriorityClaim(recordId, recordedClaims, newClaim);
        register.withdrawPriorityClaim(recordId, 1);
        recordedClaims.push(newClaim);
        register.correctFilingDate(recordId, recordedClaims, FILING_DATE - 1);
        register.correctIpType(recordId, uint8(IDiprRegister.IpType.Trademark));
        vm.stopPrank();

        IDiprRegister.Application memory record = register.getApplication(recordId);
        assertEq(bytes32(register.getApplication(freshId).office), bytes32(officeX), "fresh application recorded");
        assertEq(
            bytes32(register.getApplication(register.applicationId(officeX, "2026000998")).office),
            bytes32(officeX),
            "batch application recorded"
        );
        assertEq(record.claimCount, 2, "claim added");
        assertEq(record.withdrawnMask, 1, "claim 1 withdrawn");
        assertEq(record.filingDate, FILING_DATE - 1, "filing date corrected");
        assertEq(record.ipType, uint8(IDiprRegister.IpType.Trademark), "ip type corrected");
    }

    // ------------------------------------------------------------ keys

    function testFuzz_OnlyOfficeAdminManagesSigners(
        address stranger,
        address candidate,
        uint8 x1,
        uint8 x2,
        uint8 y1,
        uint8 y2
    ) public {
        vm.assume(stranger != adminX);
        vm.assume(candidate != signerX);
        _admitTwoOffices(x1, x2, y1, y2);
        address[4] memory intruders = [stranger, signerX, adminY, registrar];
        for (uint256 i = 0; i < intruders.length; ++i) {
            _assertCannotManageKeysOfX(intruders[i], candidate);
        }
    }

    // ------------------------------------------------------------ registrar

    function testFuzz_OnlyRegistrarAdmitsSuspendsAndReinstatesOffices(
        address stranger,
        uint8 x1,
        uint8 x2,
        uint8 y1,
        uint8 y2
    ) public {
        vm.assume(stranger != registrar);
        officeX = _officeCode(x1, x2);
        officeY = _officeCode(y1, y2);
        vm.assume(officeX != officeY);
        _admitOffice(officeX, adminX);
        address[3] memory intruders = [stranger, adminX, signerX];
        for (uint256 i = 0; i < intruders.length; ++i) {
            address intruder = intruders[i];
            bytes memory unauthorized =
                abi.encodeWithSelector(IDiprRegister.DiprRegisterUnauthorizedRegistrar.selector, intruder);

            vm.expectRevert(unauthorized);
            vm.prank(intruder);
            register.admitOffice(officeY, "Intruder office", intruder);
            assertEq(uint256(register.officeStatus(officeY)), uint256(IDiprRegister.OfficeStatus.None), "not admitted");

            vm.expectRevert(unauthorized);
            vm.prank(intruder);
            register.suspendOffice(officeX);
            assertEq(uint256(register.officeStatus(officeX)), uint256(IDiprRegister.OfficeStatus.Active), "active");

            vm.prank(registrar);
            register.suspendOffice(officeX);
            vm.expectRevert(unauthorized);
            vm.prank(intruder);
            register.reinstateOffice(officeX);
            assertEq(
                uint256(register.officeStatus(officeX)), uint256(IDiprRegister.OfficeStatus.Suspended), "suspended"
            );
            vm.prank(registrar);
            register.reinstateOffice(officeX);
        }
    }

    // ------------------------------------------------------------ helpers

    /// @dev Admits X and Y (distinct), each with an admin and a signer, and records one application of X.
    function _admitTwoOffices(uint8 x1, uint8 x2, uint8 y1, uint8 y2) private {
        officeX = _officeCode(x1, x2);
        officeY = _officeCode(y1, y2);
        vm.assume(officeX != officeY);
        _admitOffice(officeX, adminX);
        _admitOffice(officeY, adminY);
        _grantSigner(officeX, adminX, signerX);
        _grantSigner(officeY, adminY, signerY);
        recordedClaims.push(_claim(officeY, CLAIM_DATE, "2025000042"));
        recordId = _registerAs(signerX, officeX, _application(RECORD_NUMBER, FILING_DATE, recordedClaims));
    }

    /// @dev Every record write of office X by `intruder` reverts with its exact error and changes nothing. Each
    /// call is otherwise valid (the control test makes the same calls as a signer), so only the caller is wrong.
    function _assertCannotWriteRecordsOfX(address intruder) private {
        bytes32 recordBefore = _recordHash(recordId);
        bytes32 freshId = register.applicationId(officeX, FRESH_NUMBER);
        IDiprRegister.ApplicationInput memory fresh = _application(FRESH_NUMBER, FILING_DATE, _noClaims());
        IDiprRegister.ApplicationInput[] memory batch = new IDiprRegister.ApplicationInput[](1);
        batch[0] = fresh;
        bytes memory unauthorized =
            abi.encodeWithSelector(IDiprRegister.DiprRegisterUnauthorizedSigner.selector, officeX, intruder);

        vm.expectRevert(unauthorized);
        vm.prank(intruder);
        register.registerApplication(officeX, fresh);

        vm.expectRevert(unauthorized);
        vm.prank(intruder);
        register.registerApplications(officeX, batch);

        vm.expectRevert(unauthorized);
        vm.prank(intruder);
        register.addPriorityClaim(recordId, recordedClaims, _claim(officeY, CLAIM_DATE, "2025000077"));

        vm.expectRevert(unauthorized);
        vm.prank(intruder);
        register.withdrawPriorityClaim(recordId, 1);

        vm.expectRevert(unauthorized);
        vm.prank(intruder);
        register.correctFilingDate(recordId, recordedClaims, FILING_DATE - 1);

        vm.expectRevert(unauthorized);
        vm.prank(intruder);
        register.correctIpType(recordId, uint8(IDiprRegister.IpType.Trademark));

        assertEq(_recordHash(recordId), recordBefore, "record unchanged");
        _assertUnregistered(freshId, "fresh application not recorded");
    }

    /// @dev `intruder` can neither grant nor revoke X's signers, through the register or through AccessControl.
    function _assertCannotManageKeysOfX(address intruder, address candidate) private {
        bytes32 signerRoleX = register.signerRole(officeX);
        bytes32 adminRoleX = register.adminRole(officeX);
        bytes memory notAdmin =
            abi.encodeWithSelector(IDiprRegister.DiprRegisterUnauthorizedAdmin.selector, officeX, intruder);
        bytes memory notRoleAdmin =
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, intruder, adminRoleX);

        vm.expectRevert(notAdmin);
        vm.prank(intruder);
        register.grantSigner(officeX, candidate);

        vm.expectRevert(notAdmin);
        vm.prank(intruder);
        register.revokeSigner(officeX, signerX);

        vm.expectRevert(notRoleAdmin);
        vm.prank(intruder);
        register.grantRole(signerRoleX, candidate);

        vm.expectRevert(notRoleAdmin);
        vm.prank(intruder);
        register.grantRole(adminRoleX, intruder);

        assertTrue(!register.hasRole(signerRoleX, candidate), "candidate not granted");
        assertTrue(!register.hasRole(adminRoleX, intruder), "intruder not made admin");
        assertTrue(register.hasRole(signerRoleX, signerX), "signer not revoked");
    }
}
