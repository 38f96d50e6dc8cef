// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IDiprRegister} from "../../contracts/IDiprRegister.sol";
import {DiprRegisterBase} from "./support/DiprRegisterBase.sol";
import {OneOwnerWallet} from "./support/OneOwnerWallet.sol";

/// @notice Registrations signed off chain (EIP-712) and submitted by anyone: checked as if the signer had sent
/// them, used once, before their deadline, only for the office the signer signs for; a contract signer (a multisig)
/// signs through EIP-1271.
contract DiprRegisterSignedTest is DiprRegisterBase {
    uint32 private constant FILING_DATE = TODAY - 100;
    uint256 private constant SIGNER_KEY = 0xA11CE;
    bytes2 private constant EP = "EP";
    bytes2 private constant US = "US";

    address private signer;
    address private relayer;

    function setUp() public override {
        super.setUp();
        signer = vm.addr(SIGNER_KEY);
        relayer = makeAddr("relayer");
        address admin = makeAddr("admin");
        _admitOffice(EP, admin);
        _admitOffice(US, makeAddr("usAdmin"));
        _grantSigner(EP, admin, signer);
    }

    function testFuzz_ARelayedRegistrationIsUsedOnce(uint256 numberSeed, address anyRelayer) public {
        IDiprRegister.SignedRegistration[] memory requests =
            _one(_signed(EP, _batch(numberSeed), 0, block.timestamp + 1 hours));
        vm.prank(anyRelayer);
        register.relayRegistrations(requests);
        bytes32 id = register.applicationId(EP, _number(numberSeed));
        assertEq(bytes32(register.getApplication(id).office), bytes32(EP), "registered for the signer's office");
        assertEq(register.nonces(signer), 1, "nonce used");

        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, signer, 1));
        vm.prank(anyRelayer);
        register.relayRegistrations(requests);
    }

    function test_AnExpiredSignatureIsRefused() public {
        uint256 deadline = block.timestamp + 1 hours;
        IDiprRegister.SignedRegistration[] memory requests = _one(_signed(EP, _batch(1), 0, deadline));
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterSignatureExpired.selector, signer, deadline));
        vm.prank(relayer);
        register.relayRegistrations(requests);
    }

    /// A request changed after signing (another office, another application, another nonce) does not verify.
    function testFuzz_ARequestChangedAfterSigningIsRefused(uint8 change) public {
        IDiprRegister.SignedRegistration memory request = _signed(EP, _batch(1), 0, block.timestamp + 1 hours);
        uint256 which = change % 3;
        if (which == 0) request.office = US;
        else if (which == 1) request.applications = _batch(2);
        else request.nonce = 1;
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterInvalidSignature.selector, signer));
        vm.prank(relayer);
        register.relayRegistrations(_one(request));
    }

    /// Signed correctly for an office it does not sign for: the role check refuses it, as for a direct write.
    function test_ASignatureForAnotherOfficeIsRefused() public {
        IDiprRegister.SignedRegistration[] memory requests = _one(_signed(US, _batch(1), 0, block.timestamp + 1 hours));
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterUnauthorizedSigner.selector, US, signer));
        vm.prank(relayer);
        register.relayRegistrations(requests);
    }

    function test_ANonceOutOfTurnIsRefused() public {
        IDiprRegister.SignedRegistration[] memory requests = _one(_signed(EP, _batch(1), 5, block.timestamp + 1 hours));
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, signer, 0));
        vm.prank(relayer);
        register.relayRegistrations(requests);
    }

    /// A multisig (a contract account) holds the signer role and signs through EIP-1271.
    function test_AContractSignerSignsThroughEip1271() public {
        OneOwnerWallet wallet = new OneOwnerWallet(signer);
        _grantSigner(EP, makeAddr("admin"), address(wallet));
        IDiprRegister.ApplicationInput[] memory batch = _batch(7);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 digest = register.registrationDigest(EP, batch, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(SIGNER_KEY, digest);
        IDiprRegister.SignedRegistration memory request = IDiprRegister.SignedRegistration({
            office: EP,
            applications: batch,
            signer: address(wallet),
            nonce: 0,
            deadline: deadline,
            signature: abi.encodePacked(r, s, v)
        });
        vm.prank(relayer);
        register.relayRegistrations(_one(request));
        assertEq(register.nonces(address(wallet)), 1, "the wallet's nonce used");
        assertEq(
            bytes32(register.getApplication(register.applicationId(EP, _number(7))).office), bytes32(EP), "registered"
        );
    }

    // ------------------------------------------------------------ helpers

    function _batch(uint256 seed) private pure returns (IDiprRegister.ApplicationInput[] memory batch) {
        batch = new IDiprRegister.ApplicationInput[](1);
        batch[0] = _application(_number(seed), FILING_DATE, _noClaims());
    }

    function _signed(bytes2 office, IDiprRegister.ApplicationInput[] memory batch, uint256 nonce, uint256 deadline)
        private
        view
        returns (IDiprRegister.SignedRegistration memory)
    {
        bytes32 digest = register.registrationDigest(office, batch, nonce, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(SIGNER_KEY, digest);
        return IDiprRegister.SignedRegistration({
            office: office,
            applications: batch,
            signer: signer,
            nonce: nonce,
            deadline: deadline,
            signature: abi.encodePacked(r, s, v)
        });
    }

    function _one(IDiprRegister.SignedRegistration memory request)
        private
        pure
        returns (IDiprRegister.SignedRegistration[] memory requests)
    {
        requests = new IDiprRegister.SignedRegistration[](1);
        requests[0] = request;
    }
}
