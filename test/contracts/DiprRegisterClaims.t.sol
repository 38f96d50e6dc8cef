// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IDiprRegister} from "../../contracts/IDiprRegister.sol";
import {DiprRegisterBase} from "./support/DiprRegisterBase.sol";

/// @notice A priority claim never points at a filing date later than or equal to the claimant's: not at
/// registration, not when added, not after a filing-date correction. Withdrawn claims no longer count.
contract DiprRegisterClaimsTest is DiprRegisterBase {
    bytes2 private constant OFFICE = "EP";
    bytes2 private constant CLAIMED_OFFICE = "US";
    bytes32 private constant NUMBER = "2026000123";
    bytes32 private constant CLAIMED_NUMBER = "2025000042";
    bytes32 private constant OTHER_CLAIMED_NUMBER = "2025000043";
    /// @dev Fuzzed dates stay in [0, DATE_LIMIT], one day past the last valid filing date.
    uint32 private constant DATE_LIMIT = TODAY + 2;

    address private signer;
    bytes32 private id;
    bytes32 private claimedId;
    bytes32 private otherClaimedId;

    function setUp() public override {
        super.setUp();
        address admin = makeAddr("admin");
        signer = makeAddr("signer");
        _admitOffice(OFFICE, admin);
        _grantSigner(OFFICE, admin, signer);
        id = register.applicationId(OFFICE, NUMBER);
        claimedId = register.applicationId(CLAIMED_OFFICE, CLAIMED_NUMBER);
        otherClaimedId = register.applicationId(CLAIMED_OFFICE, OTHER_CLAIMED_NUMBER);
    }

    // ------------------------------------------------------------ registration

    function testFuzz_RegistrationSucceedsIffClaimIsEarlierAndFilingDateValid(uint32 rawFiling, uint32 rawClaim)
        public
    {
        uint32 filingDate = _filingDate(rawFiling);
        uint32 claimDate = _dateNear(rawClaim, filingDate);
        IDiprRegister.ClaimInput[] memory claims = _claims(_claim(CLAIMED_OFFICE, claimDate, CLAIMED_NUMBER));

        if (filingDate == 0 || filingDate > TODAY + 1) {
            _expectInvalidFilingDate(filingDate);
        } else if (claimDate >= filingDate) {
            _expectClaimNotEarlier(claimedId, claimDate, filingDate);
        }
        vm.prank(signer);
        register.registerApplication(OFFICE, _application(NUMBER, filingDate, claims));

        IDiprRegister.Application memory record = register.getApplication(id);
        if (filingDate != 0 && filingDate <= TODAY + 1 && claimDate < filingDate) {
            assertEq(bytes32(record.office), bytes32(OFFICE), "registered");
            assertEq(record.filingDate, filingDate, "filing date stored");
            assertEq(record.claimCount, 1, "claim recorded");
            assertEq(record.claimsDigest, register.claimsDigest(claims), "claim digest stored");
        } else {
            _assertUnregistered(id, "nothing registered");
        }
    }

    /// With two claims, the error names the first one that is not earlier.
    function testFuzz_RegistrationRejectsFirstClaimNotEarlier(uint32 rawFiling, uint32 rawFirst, uint32 rawSecond)
        public
    {
        uint32 filingDate = _validFilingDate(rawFiling);
        uint32 firstDate = _dateNear(rawFirst, filingDate);
        uint32 secondDate = _dateNear(rawSecond, filingDate);
        IDiprRegister.ClaimInput[] memory claims = _claims(
            _claim(CLAIMED_OFFICE, firstDate, CLAIMED_NUMBER), _claim(CLAIMED_OFFICE, secondDate, OTHER_CLAIMED_NUMBER)
        );

        if (firstDate >= filingDate) {
            _expectClaimNotEarlier(claimedId, firstDate, filingDate);
        } else if (secondDate >= filingDate) {
            _expectClaimNotEarlier(otherClaimedId, secondDate, filingDate);
        }
        vm.prank(signer);
        register.registerApplication(OFFICE, _application(NUMBER, filingDate, claims));

        if (firstDate < filingDate && secondDate < filingDate) {
            assertEq(register.getApplication(id).claimCount, 2, "both claims recorded");
        } else {
            _assertUnregistered(id, "nothing registered");
        }
    }

    // ------------------------------------------------------------ added claims

    function testFuzz_AddedClaimMustBeEarlier(uint32 rawFiling, uint32 rawClaim) public {
        uint32 filingDate = _validFilingDate(rawFiling);
        uint32 claimDate = _dateNear(rawClaim, filingDate);
        _registerAs(signer, OFFICE, _application(NUMBER, filingDate, _noClaims()));
        bytes32 recordBefore = _recordHash(id);
        IDiprRegister.ClaimInput memory claim = _claim(CLAIMED_OFFICE, claimDate, CLAIMED_NUMBER);

        bool isEarlier = claimDate < filingDate;
        if (!isEarlier) _expectClaimNotEarlier(claimedId, claimDate, filingDate);
        vm.prank(signer);
        register.addPriorityClaim(id, _noClaims(), claim);

        if (isEarlier) {
            IDiprRegister.Application memory record = register.getApplication(id);
            assertEq(record.claimCount, 1, "claim added");
            assertEq(record.claimsDigest, register.claimsDigest(_claims(claim)), "claim digest updated");
        } else {
            assertEq(_recordHash(id), recordBefore, "record unchanged");
        }
    }

    // ------------------------------------------------------------ filing-date corrections

    function testFuzz_CorrectedFilingDateMustStayAfterActiveClaim(uint32 rawFiling, uint32 rawClaim, uint32 rawNew)
        public
    {
        uint32 filingDate = _validFilingDate(rawFiling);
        uint32 claimDate = _earlierDate(rawClaim, filingDate);
        uint32 newDate = _dateNear(rawNew, claimDate);
        IDiprRegister.ClaimInput[] memory claims = _claims(_claim(CLAIMED_OFFICE, claimDate, CLAIMED_NUMBER));
        _registerAs(signer, OFFICE, _application(NUMBER, filingDate, claims));
        bytes32 recordBefore = _recordHash(id);

        bool isValid = newDate != 0 && newDate <= TODAY + 1;
        bool isAfterClaim = newDate > claimDate;
        if (!isValid) _expectInvalidFilingDate(newDate);
        else if (!isAfterClaim) _expectClaimNotEarlier(claimedId, claimDate, newDate);
        vm.prank(signer);
        register.correctFilingDate(id, claims, newDate);

        if (isValid && isAfterClaim) {
            assertEq(register.getApplication(id).filingDate, newDate, "filing date corrected");
        } else {
            assertEq(_recordHash(id), recordBefore, "record unchanged");
        }
    }

    /// Two claims, one of them withdrawn: only the active one bounds the corrected date.
    function testFuzz_WithdrawnClaimNoLongerConstrainsFilingDate(
        uint32 rawFiling,
        uint32 rawWithdrawn,
        uint32 rawActive,
        uint32 rawNew,
        bool isFirstWithdrawn
    ) public {
        uint32 filingDate = _validFilingDate(rawFiling);
        uint32 withdrawnDate = _earlierDate(rawWithdrawn, filingDate);
        uint32 activeDate = _earlierDate(rawActive, filingDate);
        // Half the runs put the new date around the withdrawn claim's date, where only withdrawal lets it pass.
        uint32 newDate = _dateNear(rawNew >> 1, rawNew % 2 == 0 ? withdrawnDate : activeDate);
        IDiprRegister.ClaimInput memory withdrawn = _claim(CLAIMED_OFFICE, withdrawnDate, CLAIMED_NUMBER);
        IDiprRegister.ClaimInput memory active = _claim(CLAIMED_OFFICE, activeDate, OTHER_CLAIMED_NUMBER);
        IDiprRegister.ClaimInput[] memory claims =
            isFirstWithdrawn ? _claims(withdrawn, active) : _claims(active, withdrawn);
        _registerAs(signer, OFFICE, _application(NUMBER, filingDate, claims));
        vm.prank(signer);
        register.withdrawPriorityClaim(id, isFirstWithdrawn ? 1 : 2);
        bytes32 recordBefore = _recordHash(id);

        bool isValid = newDate != 0 && newDate <= TODAY + 1;
        bool isAfterActiveClaim = newDate > activeDate;
        if (!isValid) _expectInvalidFilingDate(newDate);
        else if (!isAfterActiveClaim) _expectClaimNotEarlier(otherClaimedId, activeDate, newDate);
        vm.prank(signer);
        register.correctFilingDate(id, claims, newDate);

        if (isValid && isAfterActiveClaim) {
            assertEq(register.getApplication(id).filingDate, newDate, "filing date corrected");
        } else {
            assertEq(_recordHash(id), recordBefore, "record unchanged");
        }
    }

    /// The fixed case the fuzz test may rarely hit: the new date is on the withdrawn claim's date exactly.
    function test_WithdrawnClaimNoLongerConstrainsFilingDate() public {
        uint32 filingDate = TODAY - 10;
        uint32 claimDate = TODAY - 200;
        IDiprRegister.ClaimInput[] memory claims = _claims(_claim(CLAIMED_OFFICE, claimDate, CLAIMED_NUMBER));
        _registerAs(signer, OFFICE, _application(NUMBER, filingDate, claims));

        _expectClaimNotEarlier(claimedId, claimDate, claimDate);
        vm.prank(signer);
        register.correctFilingDate(id, claims, claimDate);

        vm.prank(signer);
        register.withdrawPriorityClaim(id, 1);
        vm.prank(signer);
        register.correctFilingDate(id, claims, claimDate);
        assertEq(register.getApplication(id).filingDate, claimDate, "filing date moved onto the withdrawn claim");
    }

    // ------------------------------------------------------------ helpers

    // Uniform dates over 56 years would almost never make two dates equal or land on the last valid day, where
    // the rules flip. So the date helpers spend part of the runs on those edges.

    /// @dev A fuzzed filing date in [0, DATE_LIMIT]: a third anywhere, a third on 0..2, a third on TODAY..TODAY+2.
    function _filingDate(uint32 raw) private pure returns (uint32) {
        uint32 edgeOffset = (raw >> 2) % 3;
        if (raw % 3 == 1) return edgeOffset;
        if (raw % 3 == 2) return TODAY + edgeOffset;
        return uint32(bound(raw, 0, DATE_LIMIT));
    }

    /// @dev A fuzzed filing date the register accepts, in [1, TODAY + 1], often on one of those two edges.
    function _validFilingDate(uint32 raw) private pure returns (uint32) {
        if (raw % 4 == 1) return 1;
        if (raw % 4 == 2) return TODAY + 1;
        return uint32(bound(raw, 1, TODAY + 1));
    }

    /// @dev A fuzzed date in [0, `later` - 1], often the day just before `later`.
    function _earlierDate(uint32 raw, uint32 later) private pure returns (uint32) {
        if (raw % 3 == 1) return later - 1;
        return uint32(bound(raw, 0, later - 1));
    }

    /// @dev A fuzzed date in [0, DATE_LIMIT]: half the runs anywhere, half within two days of `anchor`.
    function _dateNear(uint32 raw, uint32 anchor) private pure returns (uint32) {
        if (raw % 2 == 0) return uint32(bound(raw, 0, DATE_LIMIT));
        int256 near = int256(uint256(anchor)) + int256(uint256((raw >> 1) % 5)) - 2;
        return uint32(bound(near < 0 ? 0 : uint256(near), 0, DATE_LIMIT));
    }

    function _expectInvalidFilingDate(uint32 filingDate) private {
        bytes4 selector = IDiprRegister.DiprRegisterInvalidFilingDate.selector;
        vm.expectRevert(abi.encodeWithSelector(selector, filingDate, TODAY));
    }

    function _expectClaimNotEarlier(bytes32 claimed, uint32 claimDate, uint32 filingDate) private {
        vm.expectRevert(
            abi.encodeWithSelector(
                IDiprRegister.DiprRegisterClaimNotEarlier.selector, id, claimed, claimDate, filingDate
            )
        );
    }
}
