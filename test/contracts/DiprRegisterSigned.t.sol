// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IDiprRegister} from "../../contracts/IDiprRegister.sol";
import {DiprRegisterBase} from "./support/DiprRegisterBase.sol";
import {OneOwnerWallet} from "./support/OneOwnerWallet.sol";

/// @notice Office writes signed off chain (EIP-712) and submitted by anyone: each runs as if its signer had sent
/// it, once, before its deadline, in nonce order, only within the signer's office and only for office writes; a
/// contract signer (a multisig) signs through EIP-1271.
contract DiprRegisterSignedTest is DiprRegisterBase {
    uint32 private constant FILING_DATE = TODAY - 100;
    uint256 private constant SIGNER_KEY = 0xA11CE;
    uint256 private constant US_SIGNER_KEY = 0xB0B;
    bytes2 private constant EP = "EP";
    bytes2 private constant US = "US";

    address private signer;
    address private usSigner;
    address private relayer;
    address private admin;

    function setUp() public override {
        super.setUp();
        signer = vm.addr(SIGNER_KEY);
        usSigner = vm.addr(US_SIGNER_KEY);
        relayer = makeAddr("relayer");
        admin = makeAddr("admin");
        address usAdmin = makeAddr("usAdmin");
        _admitOffice(EP, admin);
        _admitOffice(US, usAdmin);
        _grantSigner(EP, admin, signer);
        _grantSigner(US, usAdmin, usSigner);
    }

    // ------------------------------------------------------------ replay, expiry, nonce, alteration

    function testFuzz_ASignedWriteIsUsedOnce(uint256 numberSeed, address anyRelayer) public {
        vm.assume(anyRelayer != address(register));
        IDiprRegister.SignedWrite[] memory requests = _one(_signed(SIGNER_KEY, _registerData(numberSeed), 0, _later()));
        vm.prank(anyRelayer);
        register.relayWrites(requests);
        bytes32 id = register.applicationId(EP, _number(numberSeed));
        assertEq(bytes32(register.getApplication(id).office), bytes32(EP), "registered for the signer's office");
        assertEq(register.nonces(signer), 1, "nonce used");

        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, signer, 1));
        vm.prank(anyRelayer);
        register.relayWrites(requests);
    }

    function testFuzz_AnExpiredSignatureIsRefused(uint32 lateBy) public {
        uint256 deadline = _later();
        IDiprRegister.SignedWrite memory request = _signed(SIGNER_KEY, _registerData(1), 0, deadline);
        vm.warp(deadline + bound(lateBy, 1, 10 * 365 days));
        _assertRelayReverts(
            request, abi.encodeWithSelector(IDiprRegister.DiprRegisterSignatureExpired.selector, signer, deadline)
        );
    }

    /// A request changed after signing (another call, nonce, deadline or signer) does not verify.
    function testFuzz_ARequestChangedAfterSigningIsRefused(uint8 change, uint256 seed) public {
        IDiprRegister.SignedWrite memory request = _signed(SIGNER_KEY, _registerData(1), 0, _later());
        uint256 which = change % 4;
        address claimed = signer;
        if (which == 0) request.data = _registerData(uint256(keccak256(abi.encode(seed))) | 2);
        else if (which == 1) request.nonce = bound(seed, 1, type(uint256).max);
        else if (which == 2) request.deadline = request.deadline + bound(seed, 1, 365 days);
        else claimed = request.signer = usSigner;
        _assertRelayReverts(
            request, abi.encodeWithSelector(IDiprRegister.DiprRegisterInvalidSignature.selector, claimed)
        );
    }

    function testFuzz_ANonceOutOfTurnIsRefused(uint256 nonce) public {
        nonce = bound(nonce, 1, type(uint256).max);
        _assertRelayReverts(
            _signed(SIGNER_KEY, _registerData(1), nonce, _later()),
            abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, signer, 0)
        );
    }

    /// In one relayed batch, a signer's writes must come in nonce order; the whole batch reverts otherwise.
    function test_ABatchOutOfNonceOrderRevertsWhole() public {
        IDiprRegister.SignedWrite[] memory requests = new IDiprRegister.SignedWrite[](2);
        requests[0] = _signed(SIGNER_KEY, _registerData(1), 1, _later());
        requests[1] = _signed(SIGNER_KEY, _registerData(2), 0, _later());
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, signer, 0));
        vm.prank(relayer);
        register.relayWrites(requests);
        assertEq(register.nonces(signer), 0, "no nonce used");
    }

    // ------------------------------------------------------------ the signer's office only

    /// A US signer's valid signature over any write of an EP record is refused by the write's own role check.
    function testFuzz_AnotherOfficesSignerCannotWriteThisOfficesRecord(uint8 operation, uint256 numberSeed) public {
        bytes32 number = _number(numberSeed);
        bytes32 id = _registerAs(signer, EP, _application(number, FILING_DATE, _noClaims()));
        bytes32 accessCode = keccak256(abi.encode(numberSeed));
        bytes32 blinded = register.commitmentOf(EP, number, FILING_DATE, 0, accessCode);
        bytes32 claimed = register.commitmentOf(EP, number, FILING_DATE - 1, 0, accessCode);
        vm.startPrank(signer);
        register.commitApplication(EP, blinded, new bytes32[](0));
        register.commitApplication(EP, claimed, new bytes32[](0));
        vm.stopPrank();

        IDiprRegister.ApplicationInput[] memory batch = new IDiprRegister.ApplicationInput[](1);
        batch[0] = _application(_number(numberSeed + 1), FILING_DATE, _noClaims());
        bytes[9] memory writes = [
            abi.encodeCall(IDiprRegister.registerApplication, (EP, batch[0])),
            abi.encodeCall(IDiprRegister.registerApplications, (EP, batch)),
            abi.encodeCall(IDiprRegister.addPriorityClaim, (id, _noClaims(), _claim(US, FILING_DATE - 1, number))),
            abi.encodeCall(IDiprRegister.withdrawPriorityClaim, (id, 1)),
            abi.encodeCall(IDiprRegister.correctFilingDate, (id, _noClaims(), FILING_DATE - 1)),
            abi.encodeCall(IDiprRegister.correctIpType, (id, 1)),
            abi.encodeCall(IDiprRegister.commitApplication, (EP, keccak256("another"), new bytes32[](0))),
            abi.encodeCall(IDiprRegister.claimCommitment, (id, claimed)),
            abi.encodeCall(
                IDiprRegister.revealApplication, (blinded, _application(number, FILING_DATE, _noClaims()), accessCode)
            )
        ];
        _assertRelayReverts(
            _signed(US_SIGNER_KEY, writes[operation % 9], 0, _later()),
            abi.encodeWithSelector(IDiprRegister.DiprRegisterUnauthorizedSigner.selector, EP, usSigner)
        );
    }

    /// Appending a signer's address to a direct call (the ERC-2771 suffix) makes no one that signer: only the
    /// register's own call from {relayWrites} is read that way.
    function testFuzz_ASignerSuffixOnADirectCallGainsNothing(address caller, uint256 numberSeed) public {
        vm.assume(caller != address(register) && caller != signer);
        bytes memory call = abi.encodePacked(_registerData(numberSeed), signer);
        vm.prank(caller);
        // A raw call: the typed interface cannot append bytes to a call.
        // solhint-disable-next-line avoid-low-level-calls
        (bool success, bytes memory reason) = address(register).call(call);
        assertTrue(!success, "refused");
        assertEq(
            keccak256(reason),
            keccak256(abi.encodeWithSelector(IDiprRegister.DiprRegisterUnauthorizedSigner.selector, EP, caller)),
            "as the caller, not the appended signer"
        );
    }

    // ------------------------------------------------------------ only office writes

    /// Any call but the office writes is refused before its signature is even checked.
    function testFuzz_AForbiddenSelectorIsRefused(bytes4 selector, bytes calldata rest) public {
        vm.assume(!_isOfficeWrite(selector));
        _assertRelayReverts(
            _signed(SIGNER_KEY, abi.encodePacked(selector, rest), 0, _later()),
            abi.encodeWithSelector(IDiprRegister.DiprRegisterUnsignableCall.selector, selector)
        );
    }

    /// A signer's signature over a registrar's, an admin's or the relay's own call reaches none of them, even when
    /// the signer holds that role.
    function testFuzz_NoRegistrarAdminOrRelayCallCanBeSigned(uint8 which) public {
        _grantSigner(EP, admin, admin);
        uint256 adminKey = uint256(keccak256(bytes("admin")));
        bytes[7] memory calls = [
            abi.encodeCall(IDiprRegister.admitOffice, ("ZZ", "Z office", relayer)),
            abi.encodeCall(IDiprRegister.suspendOffice, (EP)),
            abi.encodeCall(IDiprRegister.grantSigner, (EP, relayer)),
            abi.encodeCall(IDiprRegister.revokeSigner, (EP, signer)),
            abi.encodeCall(IAccessControl.grantRole, (register.signerRole(EP), relayer)),
            abi.encodeCall(IAccessControl.renounceRole, (register.signerRole(EP), admin)),
            abi.encodeCall(IDiprRegister.relayWrites, (new IDiprRegister.SignedWrite[](0)))
        ];
        bytes memory data = calls[which % 7];
        _assertRelayReverts(
            _signed(adminKey, data, 0, _later()),
            abi.encodeWithSelector(IDiprRegister.DiprRegisterUnsignableCall.selector, bytes4(data))
        );
    }

    function testFuzz_DataShorterThanASelectorIsRefused(bytes3 data, uint8 length) public {
        bytes memory short = new bytes(length % 4);
        for (uint256 i = 0; i < short.length; ++i) {
            short[i] = data[i];
        }
        _assertRelayReverts(
            _signed(SIGNER_KEY, short, 0, _later()),
            abi.encodeWithSelector(IDiprRegister.DiprRegisterUnsignableCall.selector, bytes4(short))
        );
    }

    /// An office write whose arguments do not decode reverts without data inside; the relay names signer and call.
    function test_AWriteThatDoesNotDecodeIsRefusedWithItsSelector() public {
        bytes4 selector = IDiprRegister.withdrawPriorityClaim.selector;
        _assertRelayReverts(
            _signed(SIGNER_KEY, abi.encodePacked(selector, bytes16(0)), 0, _later()),
            abi.encodeWithSelector(IDiprRegister.DiprRegisterSignedCallFailed.selector, signer, selector)
        );
    }

    /// The register as "signer": its EIP-1271 check calls into itself, finds no `isValidSignature`, and fails.
    function test_TheRegisterItselfSignsNothing() public {
        IDiprRegister.SignedWrite memory request = _signed(SIGNER_KEY, _registerData(1), 0, _later());
        request.signer = address(register);
        _assertRelayReverts(
            request, abi.encodeWithSelector(IDiprRegister.DiprRegisterInvalidSignature.selector, address(register))
        );
    }

    // ------------------------------------------------------------ every office write, signed

    /// The nine office writes of applications, claims, corrections and unpublished applications, each signed by the
    /// EP signer with the next nonce, relayed together by a stranger: each has the effect it has when sent directly.
    function testFuzz_EachOfficeWriteWorksWhenSigned(uint256 numberSeed, bytes32 accessCode) public {
        Fixture memory f = _fixture(numberSeed, accessCode);
        bytes[9] memory writes = _officeWrites(f);
        vm.prank(signer);
        register.commitApplication(EP, f.blinded, new bytes32[](0));
        IDiprRegister.SignedWrite[] memory requests = new IDiprRegister.SignedWrite[](9);
        for (uint256 i = 0; i < 9; ++i) {
            requests[i] = _signed(SIGNER_KEY, writes[i], i, _later());
        }
        vm.prank(relayer);
        register.relayWrites(requests);

        IDiprRegister.Application memory record = register.getApplication(f.id);
        assertEq(bytes32(record.office), bytes32(EP), "registered");
        assertEq(record.claimCount, 1, "claim added");
        assertEq(record.withdrawnMask, 1, "claim withdrawn");
        assertEq(record.filingDate, FILING_DATE - 1, "filing date corrected");
        assertEq(record.ipType, uint8(IDiprRegister.IpType.UtilityModel), "IP type corrected");
        assertEq(_officeOf(f.second), bytes32(EP), "batch registered");
        (bytes2 claimedOffice,) = register.getCommitment(f.claimed);
        assertEq(bytes32(claimedOffice), bytes32(EP), "committed");
        (, bool revealed) = register.getCommitment(f.blinded);
        assertTrue(revealed, "revealed");
        assertEq(_officeOf(f.third), bytes32(EP), "revealed in clear");
        // The claim of the commitment was recorded: the same link again is a duplicate.
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterDuplicateClaim.selector, f.id, f.claimed));
        vm.prank(signer);
        register.claimCommitment(f.id, f.claimed);
        assertEq(register.nonces(signer), 9, "nine nonces used");
    }

    /// What {testFuzz_EachOfficeWriteWorksWhenSigned} writes: three EP numbers, the first one's id and a claim of
    /// it, a commitment of the third to reveal and a new commitment to record and claim.
    struct Fixture {
        bytes32 number;
        bytes32 second;
        bytes32 third;
        bytes32 id;
        IDiprRegister.ClaimInput claim;
        bytes32 blinded;
        bytes32 claimed;
        bytes32 accessCode;
    }

    function _fixture(uint256 numberSeed, bytes32 accessCode) private view returns (Fixture memory f) {
        f.number = _number(numberSeed);
        f.second = _number(uint256(keccak256(abi.encode(numberSeed, 2))));
        f.third = _number(uint256(keccak256(abi.encode(numberSeed, 3))));
        vm.assume(f.number != f.second && f.number != f.third && f.second != f.third);
        f.id = register.applicationId(EP, f.number);
        f.claim = _claim(US, FILING_DATE - 200, f.number);
        f.blinded = register.commitmentOf(EP, f.third, FILING_DATE, 0, accessCode);
        f.claimed = keccak256(abi.encode("claimed", accessCode));
        f.accessCode = accessCode;
    }

    function _officeWrites(Fixture memory f) private pure returns (bytes[9] memory) {
        IDiprRegister.ApplicationInput[] memory batch = new IDiprRegister.ApplicationInput[](1);
        batch[0] = _application(f.second, FILING_DATE, _noClaims());
        return [
            abi.encodeCall(IDiprRegister.registerApplication, (EP, _application(f.number, FILING_DATE, _noClaims()))),
            abi.encodeCall(IDiprRegister.registerApplications, (EP, batch)),
            abi.encodeCall(IDiprRegister.addPriorityClaim, (f.id, _noClaims(), f.claim)),
            abi.encodeCall(IDiprRegister.withdrawPriorityClaim, (f.id, 1)),
            abi.encodeCall(IDiprRegister.correctFilingDate, (f.id, _claims(f.claim), FILING_DATE - 1)),
            abi.encodeCall(IDiprRegister.correctIpType, (f.id, uint8(IDiprRegister.IpType.UtilityModel))),
            abi.encodeCall(IDiprRegister.commitApplication, (EP, f.claimed, new bytes32[](0))),
            abi.encodeCall(IDiprRegister.claimCommitment, (f.id, f.claimed)),
            abi.encodeCall(
                IDiprRegister.revealApplication,
                (f.blinded, _application(f.third, FILING_DATE, _noClaims()), f.accessCode)
            )
        ];
    }

    function _officeOf(bytes32 number) private view returns (bytes32) {
        return bytes32(register.getApplication(register.applicationId(EP, number)).office);
    }

    /// A multisig (a contract account) holds the signer role and signs through EIP-1271.
    function test_AContractSignerSignsThroughEip1271() public {
        OneOwnerWallet wallet = new OneOwnerWallet(signer);
        _grantSigner(EP, admin, address(wallet));
        bytes memory data = _registerData(7);
        uint256 deadline = _later();
        bytes32 digest = register.writeDigest(address(wallet), data, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(SIGNER_KEY, digest);
        IDiprRegister.SignedWrite memory request = IDiprRegister.SignedWrite({
            signer: address(wallet), data: data, nonce: 0, deadline: deadline, signature: abi.encodePacked(r, s, v)
        });
        vm.prank(relayer);
        register.relayWrites(_one(request));
        assertEq(register.nonces(address(wallet)), 1, "the wallet's nonce used");
        assertEq(register.nonces(signer), 0, "the owner's nonce untouched");
        assertEq(
            bytes32(register.getApplication(register.applicationId(EP, _number(7))).office), bytes32(EP), "registered"
        );
    }

    // ------------------------------------------------------------ helpers

    function _later() private view returns (uint256) {
        return block.timestamp + 1 hours;
    }

    function _registerData(uint256 seed) private pure returns (bytes memory) {
        IDiprRegister.ApplicationInput memory application = _application(_number(seed), FILING_DATE, _noClaims());
        return abi.encodeCall(IDiprRegister.registerApplication, (EP, application));
    }

    function _isOfficeWrite(bytes4 selector) private pure returns (bool) {
        return selector == IDiprRegister.registerApplication.selector
            || selector == IDiprRegister.registerApplications.selector
            || selector == IDiprRegister.addPriorityClaim.selector
            || selector == IDiprRegister.withdrawPriorityClaim.selector
            || selector == IDiprRegister.correctFilingDate.selector
            || selector == IDiprRegister.correctIpType.selector
            || selector == IDiprRegister.commitApplication.selector
            || selector == IDiprRegister.claimCommitment.selector
            || selector == IDiprRegister.revealApplication.selector
            || selector == IDiprRegister.recordDocument.selector
            || selector == IDiprRegister.recordInternationalReference.selector;
    }

    /// Relays `request` alone, by the relayer, expecting `reason`. The request is signed before the cheatcodes, which
    /// apply to the next call: signing calls {writeDigest}.
    function _assertRelayReverts(IDiprRegister.SignedWrite memory request, bytes memory reason) private {
        IDiprRegister.SignedWrite[] memory requests = _one(request);
        vm.expectRevert(reason);
        vm.prank(relayer);
        register.relayWrites(requests);
    }

    function _signed(uint256 key, bytes memory data, uint256 nonce, uint256 deadline)
        private
        view
        returns (IDiprRegister.SignedWrite memory)
    {
        address account = vm.addr(key);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, register.writeDigest(account, data, nonce, deadline));
        return IDiprRegister.SignedWrite({
            signer: account, data: data, nonce: nonce, deadline: deadline, signature: abi.encodePacked(r, s, v)
        });
    }

    function _one(IDiprRegister.SignedWrite memory request)
        private
        pure
        returns (IDiprRegister.SignedWrite[] memory requests)
    {
        requests = new IDiprRegister.SignedWrite[](1);
        requests[0] = request;
    }
}
