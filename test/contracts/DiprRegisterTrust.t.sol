// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IAccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IDiprRegister} from "../../contracts/IDiprRegister.sol";
import {DiprRegisterBase} from "./support/DiprRegisterBase.sol";

/// @notice The registrar admits and suspends offices but holds no office role, through any path; an office whose
/// admin keys are lost or taken is recovered by a public key reset while suspended; the registrar role changes
/// hands in two steps with a delay.
contract DiprRegisterTrustTest is DiprRegisterBase {
    uint32 private constant FILING_DATE = TODAY - 100;
    bytes32 private constant NUMBER = "2026000123";

    address private admin;
    address private signer;

    function setUp() public override {
        super.setUp();
        admin = makeAddr("admin");
        signer = makeAddr("signer");
    }

    // ------------------------------------------------------------ roles of offices not admitted

    /// Before the fix the admin of these roles was `DEFAULT_ADMIN_ROLE`, so the registrar could take them, write
    /// the records of an office not yet admitted (reserving its numbers) and later revoke the office's own admin.
    function testFuzz_RolesOfAnOfficeNotAdmittedCannotBeGranted(bytes2 office, address account) public {
        vm.assume(register.officeStatus(office) == IDiprRegister.OfficeStatus.None);
        bytes32[2] memory roles = [register.adminRole(office), register.signerRole(office)];
        for (uint256 i = 0; i < roles.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterUnknownRole.selector, roles[i]));
            vm.prank(registrar);
            register.grantRole(roles[i], account);
            assertTrue(!register.hasRole(roles[i], account), "role not granted");
        }
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterUnauthorizedSigner.selector, office, account));
        vm.prank(account);
        register.registerApplication(office, _application(NUMBER, FILING_DATE, _noClaims()));
    }

    /// The codes of the issue: the zero code and a lower-case code can never be admitted, so never written.
    function test_CodesThatCanNeverBeAdmittedHaveNoRoles() public {
        bytes2[3] memory codes = [bytes2(0), bytes2("us"), bytes2("GB")];
        for (uint256 i = 0; i < codes.length; ++i) {
            bytes32 role = register.signerRole(codes[i]);
            vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterUnknownRole.selector, role));
            vm.prank(registrar);
            register.grantRole(role, registrar);
        }
    }

    /// A role taken before admission would have let the registrar revoke the office's own admin afterwards.
    function test_RegistrarCannotTakeTheAdminRoleOfAnOfficeAdmittedLater() public {
        bytes32 adminRoleCN = register.adminRole("CN");
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterUnknownRole.selector, adminRoleCN));
        vm.prank(registrar);
        register.grantRole(adminRoleCN, registrar);

        _admitOffice("CN", admin);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, registrar, adminRoleCN)
        );
        vm.prank(registrar);
        register.revokeRole(adminRoleCN, admin);
        assertTrue(register.hasRole(adminRoleCN, admin), "office admin kept");
    }

    // ------------------------------------------------------------ who may hold an office role

    function testFuzz_OfficeRolesNeverGoToTheRegistrar(uint8 x1, uint8 x2) public {
        bytes2 office = _officeCode(x1, x2);
        _admitOffice(office, admin);
        bytes32 signerRoleX = register.signerRole(office);
        bytes32 adminRoleX = register.adminRole(office);

        vm.startPrank(admin);
        vm.expectRevert(_invalidHolder(signerRoleX, registrar));
        register.grantSigner(office, registrar);
        vm.expectRevert(_invalidHolder(adminRoleX, registrar));
        register.grantRole(adminRoleX, registrar);
        vm.stopPrank();

        // Nor to a registrar-to-be while a handover is pending.
        address successor = makeAddr("successor");
        vm.prank(registrar);
        register.beginDefaultAdminTransfer(successor);
        vm.expectRevert(_invalidHolder(signerRoleX, successor));
        vm.prank(admin);
        register.grantSigner(office, successor);
    }

    function testFuzz_AdmitOfficeRefusesAnAdminThatCannotActForTheOffice(uint8 x1, uint8 x2, uint8 pick) public {
        bytes2 office = _officeCode(x1, x2);
        address[3] memory unusable = [address(0), address(register), registrar];
        address candidate = unusable[pick % 3];
        vm.expectRevert(_invalidHolder(register.adminRole(office), candidate));
        vm.prank(registrar);
        register.admitOffice(office, "Test office", candidate);
        assertEq(uint256(register.officeStatus(office)), uint256(IDiprRegister.OfficeStatus.None), "not admitted");
    }

    /// A name with a control character anywhere (NUL, line feed, escape, DEL ...) is refused.
    function testFuzz_AdmitOfficeRefusesControlCharactersInTheName(uint8 position, uint8 control) public {
        bytes memory name = bytes("Intellectual Property Office");
        uint8 c = uint8(bound(control, 0, 0x20));
        name[bound(position, 0, name.length - 1)] = bytes1(c == 0x20 ? 0x7f : c);
        vm.expectRevert(
            abi.encodeWithSelector(IDiprRegister.DiprRegisterInvalidOfficeName.selector, bytes2("GB"), name)
        );
        vm.prank(registrar);
        register.admitOffice("GB", string(name), admin);
    }

    function test_AdmitOfficeRefusesEmptyAndOverlongNames() public {
        bytes memory tooLong = new bytes(257);
        for (uint256 i = 0; i < tooLong.length; ++i) {
            tooLong[i] = "a";
        }
        string[2] memory names = ["", string(tooLong)];
        for (uint256 i = 0; i < names.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IDiprRegister.DiprRegisterInvalidOfficeName.selector, bytes2("GB"), names[i])
            );
            vm.prank(registrar);
            register.admitOffice("GB", names[i], admin);
        }
        // 256 bytes, with non-ASCII UTF-8, is a valid name.
        bytes memory longest = new bytes(256);
        for (uint256 i = 0; i < longest.length; ++i) {
            longest[i] = i % 2 == 0 ? bytes1(0xc3) : bytes1(0xa9);
        }
        vm.prank(registrar);
        register.admitOffice("GB", string(longest), admin);
    }

    // ------------------------------------------------------------ recovering an office's keys

    /// A rogue second admin revokes the office's admin and adds its own signer. Before the fix nobody could undo
    /// it. Now: suspend, reset the keys to a new admin, reinstate; every key of the old epoch is void.
    function test_KeyResetRecoversAnOfficeTakenByARogueAdmin() public {
        address rogue = makeAddr("rogue");
        address rogueSigner = makeAddr("rogueSigner");
        address newAdmin = makeAddr("newAdmin");
        address newSigner = makeAddr("newSigner");
        _admitOffice("GB", admin);
        _grantSigner("GB", admin, signer);
        bytes32 recordId = _registerAs(signer, "GB", _application(NUMBER, FILING_DATE, _noClaims()));
        bytes32 recordBefore = _recordHash(recordId);
        bytes32 oldAdminRole = register.adminRole("GB");
        vm.prank(admin);
        register.grantRole(oldAdminRole, rogue);
        vm.startPrank(rogue);
        register.revokeRole(oldAdminRole, admin);
        register.grantSigner("GB", rogueSigner);
        vm.stopPrank();

        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterOfficeNotSuspended.selector, bytes2("GB")));
        vm.prank(registrar);
        register.resetOfficeKeys("GB", newAdmin);

        vm.startPrank(registrar);
        register.suspendOffice("GB");
        vm.expectRevert(_invalidHolder(_nextAdminRole("GB"), registrar));
        register.resetOfficeKeys("GB", registrar);
        register.resetOfficeKeys("GB", newAdmin);
        register.reinstateOffice("GB");
        vm.stopPrank();

        assertEq(register.officeKeyEpoch("GB"), 1, "one reset");
        assertNotEq(register.adminRole("GB"), oldAdminRole, "new admin role");
        assertTrue(register.hasRole(register.adminRole("GB"), newAdmin), "new admin");
        address[4] memory oldKeys = [admin, signer, rogue, rogueSigner];
        for (uint256 i = 0; i < oldKeys.length; ++i) {
            _assertCannotWrite(oldKeys[i], "GB");
            vm.expectRevert(
                abi.encodeWithSelector(IDiprRegister.DiprRegisterUnauthorizedAdmin.selector, bytes2("GB"), oldKeys[i])
            );
            vm.prank(oldKeys[i]);
            register.grantSigner("GB", oldKeys[i]);
        }
        // The old roles cannot be granted again, even by their old admins.
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterUnknownRole.selector, oldAdminRole));
        vm.prank(rogue);
        register.grantRole(oldAdminRole, rogueSigner);
        _assertCannotWrite(registrar, "GB");

        _grantSigner("GB", newAdmin, newSigner);
        _registerAs(newSigner, "GB", _application("2026000124", FILING_DATE, _noClaims()));
        assertEq(_recordHash(recordId), recordBefore, "records kept through the reset");
    }

    /// The last admin renounced: without a reset the office could never add keys again.
    function test_KeyResetRecoversAnOfficeWhoseLastAdminRenounced() public {
        _admitOffice("GB", admin);
        bytes32 adminRoleGB = register.adminRole("GB");
        vm.prank(admin);
        register.renounceRole(adminRoleGB, admin);
        vm.expectRevert(
            abi.encodeWithSelector(IDiprRegister.DiprRegisterUnauthorizedAdmin.selector, bytes2("GB"), admin)
        );
        vm.prank(admin);
        register.grantSigner("GB", signer);

        address newAdmin = makeAddr("newAdmin");
        vm.startPrank(registrar);
        register.suspendOffice("GB");
        register.resetOfficeKeys("GB", newAdmin);
        vm.stopPrank();
        // Still suspended: the new admin adds keys only once the registrar reinstates the office.
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterOfficeSuspended.selector, bytes2("GB")));
        vm.prank(newAdmin);
        register.grantSigner("GB", signer);
        vm.prank(registrar);
        register.reinstateOffice("GB");
        _grantSigner("GB", newAdmin, signer);
        _registerAs(signer, "GB", _application(NUMBER, FILING_DATE, _noClaims()));
    }

    function testFuzz_OnlyTheRegistrarResetsKeys(address stranger) public {
        vm.assume(stranger != registrar);
        _admitOffice("GB", admin);
        vm.prank(registrar);
        register.suspendOffice("GB");
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterUnauthorizedRegistrar.selector, stranger));
        vm.prank(stranger);
        register.resetOfficeKeys("GB", stranger);
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterUnknownOffice.selector, bytes2("FR")));
        vm.prank(registrar);
        register.resetOfficeKeys("FR", admin);
    }

    // ------------------------------------------------------------ registrar handover

    /// The registrar role moves to a TimelockController in two steps with the handover delay; after it, every
    /// registrar act goes through the timelock's own delay.
    function test_RegistrarHandsOverToATimelockInTwoStepsWithADelay() public {
        address proposer = makeAddr("proposer");
        address[] memory proposers = new address[](1);
        proposers[0] = proposer;
        TimelockController timelock = new TimelockController(1 days, proposers, proposers, address(0));

        // One step is refused: the registrar role is never granted or renounced directly.
        vm.startPrank(registrar);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector)
        );
        register.grantRole(DEFAULT_ADMIN_ROLE_, address(timelock));
        register.beginDefaultAdminTransfer(address(timelock));
        vm.stopPrank();
        (, uint48 acceptAfter) = register.pendingDefaultAdmin();
        assertEq(acceptAfter, block.timestamp + HANDOVER_DELAY, "accept after the handover delay");

        bytes memory accept = abi.encodeCall(register.acceptDefaultAdminTransfer, ());
        _scheduleThroughTimelock(timelock, proposer, accept);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminDelay.selector, acceptAfter
            )
        );
        vm.prank(proposer);
        timelock.execute(address(register), 0, accept, bytes32(0), bytes32(0));

        vm.warp(acceptAfter + 1);
        vm.prank(proposer);
        timelock.execute(address(register), 0, accept, bytes32(0), bytes32(0));
        assertEq(register.defaultAdmin(), address(timelock), "timelock is the registrar");

        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterUnauthorizedRegistrar.selector, registrar));
        vm.prank(registrar);
        register.admitOffice("GB", "UKIPO", admin);

        bytes memory admit = abi.encodeCall(register.admitOffice, ("GB", "UKIPO", admin));
        _scheduleThroughTimelock(timelock, proposer, admit);
        vm.warp(block.timestamp + 1 days);
        vm.prank(proposer);
        timelock.execute(address(register), 0, admit, bytes32(0), bytes32(0));
        assertEq(uint256(register.officeStatus("GB")), uint256(IDiprRegister.OfficeStatus.Active), "admitted");
        assertTrue(register.hasRole(register.adminRole("GB"), admin), "admin granted");
        // The timelock, now the registrar, cannot be an office's key either.
        vm.expectRevert(_invalidHolder(register.signerRole("GB"), address(timelock)));
        vm.prank(admin);
        register.grantSigner("GB", address(timelock));
    }

    function test_RegistrarCannotLeaveWithoutTheDelay() public {
        vm.startPrank(registrar);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminDelay.selector, 0)
        );
        register.renounceRole(DEFAULT_ADMIN_ROLE_, registrar);
        vm.stopPrank();
        assertEq(register.defaultAdmin(), registrar, "registrar kept");
    }

    // ------------------------------------------------------------ helpers

    bytes32 private constant DEFAULT_ADMIN_ROLE_ = bytes32(0);

    function _invalidHolder(bytes32 role, address account) private pure returns (bytes memory) {
        return abi.encodeWithSelector(IDiprRegister.DiprRegisterInvalidRoleHolder.selector, role, account);
    }

    /// The admin role of the next key epoch, as {resetOfficeKeys} will derive it.
    function _nextAdminRole(bytes2 office) private view returns (bytes32) {
        return keccak256(abi.encode(bytes32("dipr.office.admin"), office, register.officeKeyEpoch(office) + 1));
    }

    function _assertCannotWrite(address account, bytes2 office) private {
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterUnauthorizedSigner.selector, office, account));
        vm.prank(account);
        register.registerApplication(office, _application("2026000999", FILING_DATE, _noClaims()));
    }

    function _scheduleThroughTimelock(TimelockController timelock, address proposer, bytes memory data) private {
        vm.prank(proposer);
        timelock.schedule(address(register), 0, data, bytes32(0), bytes32(0), 1 days);
        vm.warp(block.timestamp + 1 days);
    }
}
