// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IDiprRegister} from "../../contracts/IDiprRegister.sol";
import {DiprRegisterBase} from "./support/DiprRegisterBase.sol";

/// @notice Unpublished applications: a commitment is all that is on chain; a reveal with the right fields and
/// access code publishes it, anything else reverts; claims of commitments are opaque links that only the office's
/// signers write.
contract DiprRegisterBlindedTest is DiprRegisterBase {
    uint32 private constant FILING_DATE = TODAY - 100;
    bytes2 private constant EP = "EP";
    bytes2 private constant JP = "JP";

    address private adminEP;
    address private signerEP;
    address private adminJP;
    address private signerJP;

    function setUp() public override {
        super.setUp();
        adminEP = makeAddr("adminEP");
        signerEP = makeAddr("signerEP");
        adminJP = makeAddr("adminJP");
        signerJP = makeAddr("signerJP");
        _admitOffice(EP, adminEP);
        _admitOffice(JP, adminJP);
        _grantSigner(EP, adminEP, signerEP);
        _grantSigner(JP, adminJP, signerJP);
    }

    // ------------------------------------------------------------ reveal

    /// The reveal publishes exactly the committed application; a change to any field, or another access code,
    /// reverts with the hash it gives, and the commitment stays blinded.
    function testFuzz_RevealMatchesOrReverts(
        uint256 numberSeed,
        uint8 ipType,
        bytes32 code,
        uint8 change,
        bytes32 other
    ) public {
        bytes32 number = _number(numberSeed);
        ipType = uint8(bound(ipType, 0, 3));
        bytes32 commitment = register.commitmentOf(EP, number, FILING_DATE, ipType, code);
        _commit(signerEP, EP, commitment);

        IDiprRegister.ApplicationInput memory wrong = _blindedApplication(number, ipType);
        bytes32 wrongCode = code;
        uint256 which = change % 4;
        if (which == 0) wrong.number = _number(uint256(keccak256(abi.encode(numberSeed))));
        else if (which == 1) wrong.filingDate = FILING_DATE - 1;
        else if (which == 2) wrong.ipType = (ipType + 1) % 4;
        else wrongCode = other;
        _assertRevealRefused(commitment, wrong, wrongCode);
        _assertRevealPublishes(commitment, number, ipType, code);
    }

    /// A reveal whose fields or code do not hash to `commitment` reverts with the hash they give; nothing changes.
    function _assertRevealRefused(bytes32 commitment, IDiprRegister.ApplicationInput memory wrong, bytes32 wrongCode)
        private
    {
        bytes32 computed = register.commitmentOf(EP, wrong.number, wrong.filingDate, wrong.ipType, wrongCode);
        vm.assume(computed != commitment);
        vm.expectRevert(
            abi.encodeWithSelector(IDiprRegister.DiprRegisterRevealMismatch.selector, commitment, computed)
        );
        vm.prank(signerEP);
        register.revealApplication(commitment, wrong, wrongCode);
        (, bool revealed) = register.getCommitment(commitment);
        assertTrue(!revealed, "still blinded");
    }

    /// The right reveal registers the committed application in clear, once.
    function _assertRevealPublishes(bytes32 commitment, bytes32 number, uint8 ipType, bytes32 code) private {
        IDiprRegister.ApplicationInput memory application = _blindedApplication(number, ipType);
        vm.prank(signerEP);
        register.revealApplication(commitment, application, code);
        (bytes2 office, bool revealed) = register.getCommitment(commitment);
        assertEq(bytes32(office), bytes32(EP), "commitment's office");
        assertTrue(revealed, "revealed");
        IDiprRegister.Application memory record = register.getApplication(register.applicationId(EP, number));
        assertEq(bytes32(record.office), bytes32(EP), "registered in clear");
        assertEq(record.filingDate, FILING_DATE, "filing date");
        assertEq(record.ipType, ipType, "ip type");

        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterCommitmentRevealed.selector, commitment));
        vm.prank(signerEP);
        register.revealApplication(commitment, application, code);
    }

    /// Without the access code, trying every serial of a range with every filing date of a month finds nothing;
    /// with it, the one application is found. (The full year of an office's serials is enumerated off chain, in
    /// test/contracts/blinded.test.ts.)
    function testFuzz_EnumerationWithoutTheCodeFindsNothing(bytes32 code, bytes32 guess, uint16 serialBase)
        public
        view
    {
        vm.assume(guess != code);
        uint256 base = bound(serialBase, 0, 9_900);
        bytes32 commitment = register.commitmentOf(EP, _serial(base + 42), FILING_DATE, 0, code);
        assertTrue(!_found(commitment, base, guess), "found without the code");
        assertTrue(_found(commitment, base, code), "found with the code");
    }

    /// Whether any of 100 serials from `base`, filed on any day of the month around FILING_DATE, with `code`, gives
    /// `commitment`.
    function _found(bytes32 commitment, uint256 base, bytes32 code) private view returns (bool) {
        for (uint256 serial = base; serial < base + 100; ++serial) {
            bytes32 number = _serial(serial);
            for (uint32 day = FILING_DATE - 15; day <= FILING_DATE + 15; ++day) {
                if (register.commitmentOf(EP, number, day, 0, code) == commitment) return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------ who writes

    function testFuzz_OnlyTheOfficesSignersCommitClaimAndReveal(address stranger, bytes32 code) public {
        vm.assume(stranger != signerEP);
        bytes32 commitment = register.commitmentOf(EP, "2026000123", FILING_DATE, 0, code);
        vm.assume(commitment != bytes32(0));
        bytes memory notSigner =
            abi.encodeWithSelector(IDiprRegister.DiprRegisterUnauthorizedSigner.selector, EP, stranger);
        vm.expectRevert(notSigner);
        vm.prank(stranger);
        register.commitApplication(EP, commitment, new bytes32[](0));

        _commit(signerEP, EP, commitment);
        bytes32 jpCommitment = register.commitmentOf(JP, "2026000999", FILING_DATE, 0, code);
        _commit(signerJP, JP, jpCommitment);
        vm.expectRevert(notSigner);
        vm.prank(stranger);
        register.claimCommitment(commitment, jpCommitment);
        vm.expectRevert(notSigner);
        vm.prank(stranger);
        register.revealApplication(commitment, _blindedApplication("2026000123", 0), code);
    }

    function test_ASuspendedOfficeCommitsAndRevealsNothing() public {
        bytes32 commitment = register.commitmentOf(EP, "2026000123", FILING_DATE, 0, "code");
        _commit(signerEP, EP, commitment);
        vm.prank(registrar);
        register.suspendOffice(EP);
        bytes memory suspended = abi.encodeWithSelector(IDiprRegister.DiprRegisterOfficeSuspended.selector, EP);
        bytes32 another = register.commitmentOf(EP, "2026000124", FILING_DATE, 0, "code");
        vm.startPrank(signerEP);
        vm.expectRevert(suspended);
        register.commitApplication(EP, another, new bytes32[](0));
        vm.expectRevert(suspended);
        register.revealApplication(commitment, _blindedApplication("2026000123", 0), "code");
        vm.stopPrank();
    }

    // ------------------------------------------------------------ claims of commitments

    function test_ClaimsOfCommitmentsAreOpaqueLinksRecordedOnce() public {
        bytes32 first = register.commitmentOf(JP, "2026000111", FILING_DATE - 50, 0, "jp code");
        _commit(signerJP, JP, first);
        // A blinded EP application claims it at commitment time, a clear EP application claims it later.
        bytes32[] memory claimed = new bytes32[](1);
        claimed[0] = first;
        bytes32 later = register.commitmentOf(EP, "2026000222", FILING_DATE, 0, "ep code");
        vm.prank(signerEP);
        register.commitApplication(EP, later, claimed);
        bytes32 clearId = _registerAs(signerEP, EP, _application("2026000333", FILING_DATE, _noClaims()));
        vm.prank(signerEP);
        register.claimCommitment(clearId, first);

        vm.startPrank(signerEP);
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterDuplicateClaim.selector, later, first));
        register.claimCommitment(later, first);
        vm.expectRevert(
            abi.encodeWithSelector(IDiprRegister.DiprRegisterUnknownCommitment.selector, bytes32("nothing"))
        );
        register.claimCommitment(clearId, "nothing");
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterSelfClaim.selector, later));
        register.claimCommitment(later, later);
        vm.expectRevert(
            abi.encodeWithSelector(IDiprRegister.DiprRegisterUnknownApplication.selector, bytes32("nobody"))
        );
        register.claimCommitment("nobody", first);
        vm.stopPrank();
        // JP's signer cannot write a claim for EP's application.
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterUnauthorizedSigner.selector, EP, signerJP));
        vm.prank(signerJP);
        register.claimCommitment(clearId, first);
    }

    function test_ACommitmentIsRecordedOnceAndNeverZero() public {
        bytes32 commitment = register.commitmentOf(EP, "2026000123", FILING_DATE, 0, "code");
        _commit(signerEP, EP, commitment);
        vm.startPrank(signerEP);
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterInvalidCommitment.selector, commitment));
        register.commitApplication(EP, commitment, new bytes32[](0));
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterInvalidCommitment.selector, bytes32(0)));
        register.commitApplication(EP, bytes32(0), new bytes32[](0));
        vm.stopPrank();
    }

    // ------------------------------------------------------------ helpers

    function _commit(address signer, bytes2 office, bytes32 commitment) private {
        vm.prank(signer);
        register.commitApplication(office, commitment, new bytes32[](0));
    }

    function _blindedApplication(bytes32 number, uint8 ipType)
        private
        pure
        returns (IDiprRegister.ApplicationInput memory)
    {
        IDiprRegister.ApplicationInput memory application = _application(number, FILING_DATE, _noClaims());
        application.ipType = ipType;
        return application;
    }

    /// "2026" followed by a six-digit serial.
    function _serial(uint256 serial) private pure returns (bytes32 text) {
        text = "2026";
        for (uint256 i = 0; i < 6; ++i) {
            text |= bytes32(bytes1(uint8(0x30 + (serial / 10 ** (5 - i)) % 10))) >> (8 * (4 + i));
        }
    }
}
