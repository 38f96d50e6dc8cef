// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IDiprRegister} from "../../contracts/IDiprRegister.sol";
import {DiprRegisterBase} from "./support/DiprRegisterBase.sol";

/// @notice An application id is keccak256(abi.encodePacked(office, number)) of a well-formed number text: one
/// id per (office, number), registered once.
contract DiprRegisterIdsTest is DiprRegisterBase {
    uint32 private constant FILING_DATE = TODAY - 100;

    address private signer;

    function setUp() public override {
        super.setUp();
        signer = makeAddr("signer");
    }

    function testFuzz_ApplicationIdIsHashOfOfficeAndNumber(bytes2 office, uint256 numberSeed) public view {
        bytes32 number = _number(numberSeed);
        assertEq(register.applicationId(office, number), keccak256(abi.encodePacked(office, number)), "id");
    }

    /// The register's word-at-once number check against a character-by-character model of the rule: 1..32
    /// characters of `[0-9A-Z.]`, then zero bytes only.
    function testFuzz_NumberCheckMatchesCharacterRule(bytes32 raw, uint256 picks, uint8 length) public {
        bytes32 text = _numberLike(raw, picks, length);
        bytes32 expectedId = keccak256(abi.encodePacked(bytes2("EP"), text));
        if (!_isWellFormed(text)) {
            vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterInvalidNumber.selector, text));
        }
        bytes32 id = register.applicationId("EP", text);
        if (_isWellFormed(text)) assertEq(id, expectedId, "well-formed number has its id");
    }

    function testFuzz_SameApplicationCannotBeRegisteredTwice(
        uint8 o1,
        uint8 o2,
        uint256 numberSeed,
        uint32 rawSecondDate,
        uint8 secondIpType
    ) public {
        bytes2 office = _officeWithSigner(o1, o2);
        bytes32 number = _number(numberSeed);
        bytes32 id = _registerAs(signer, office, _application(number, FILING_DATE, _noClaims()));
        assertEq(id, keccak256(abi.encodePacked(office, number)), "returned id");
        bytes32 recordBefore = _recordHash(id);

        // A second filing of the same number is refused whatever else it says.
        IDiprRegister.ApplicationInput memory again =
            _application(number, uint32(bound(rawSecondDate, 1, TODAY + 1)), _noClaims());
        again.ipType = uint8(bound(secondIpType, 0, uint8(type(IDiprRegister.IpType).max)));
        vm.expectRevert(abi.encodeWithSelector(IDiprRegister.DiprRegisterApplicationExists.selector, id));
        vm.prank(signer);
        register.registerApplication(office, again);

        assertEq(_recordHash(id), recordBefore, "record unchanged");
    }

    /// `shape` picks pairs that share the number, share the office, or share nothing, so ids that ignore the
    /// office or the number would collide within a few runs.
    function testFuzz_DifferentApplicationsGetDifferentIdsAndBothRegister(
        uint8 a1,
        uint8 a2,
        uint256 numberSeedA,
        uint8 b1,
        uint8 b2,
        uint256 numberSeedB,
        uint8 shape
    ) public {
        bytes2 officeA = _officeCode(a1, a2);
        bytes2 officeB = _officeCode(b1, b2);
        bytes32 numberA = _number(numberSeedA);
        bytes32 numberB = _number(numberSeedB);
        if (shape % 3 == 0) numberB = numberA;
        if (shape % 3 == 1) officeB = officeA;
        vm.assume(officeA != officeB || numberA != numberB);

        _officeWithSigner(officeA);
        if (officeB != officeA) _officeWithSigner(officeB);
        bytes32 idA = _registerAs(signer, officeA, _application(numberA, FILING_DATE, _noClaims()));
        bytes32 idB = _registerAs(signer, officeB, _application(numberB, FILING_DATE, _noClaims()));

        assertNotEq(idA, idB, "ids differ");
        assertEq(idA, register.applicationId(officeA, numberA), "id of A");
        assertEq(idB, register.applicationId(officeB, numberB), "id of B");
        assertEq(bytes32(register.getApplication(idA).office), bytes32(officeA), "A registered");
        assertEq(bytes32(register.getApplication(idB).office), bytes32(officeB), "B registered");
    }

    // ------------------------------------------------------------ helpers

    function _officeWithSigner(uint8 first, uint8 second) private returns (bytes2 office) {
        office = _officeCode(first, second);
        _officeWithSigner(office);
    }

    function _officeWithSigner(bytes2 office) private {
        address admin = makeAddr("admin");
        _admitOffice(office, admin);
        _grantSigner(office, admin, signer);
    }

    /// @dev A word that is often close to a number text: `length` leading bytes, each (by two bits of `picks`) a
    /// number character, a byte next to an allowed range, or the fuzzed byte, then zero bytes; one run in eight
    /// keeps `raw` whole, and one in eight puts one fuzzed byte into the padding.
    function _numberLike(bytes32 raw, uint256 picks, uint8 length) private pure returns (bytes32 text) {
        if (length % 8 == 0) return raw;
        bytes memory neighbours = hex"002d2f393a40415a5b607f80ff"; // around "." "0"-"9" "A"-"Z", and the top bit
        uint256 count = bound(length, 1, 32);
        for (uint256 i = 0; i < count; ++i) {
            uint256 pick = (picks >> (2 * i)) % 4;
            uint256 choice = uint256(keccak256(abi.encode(picks, i)));
            bytes1 c = raw[i];
            if (pick < 2) c = NUMBER_ALPHABET[choice % NUMBER_ALPHABET.length];
            else if (pick == 2) c = neighbours[choice % neighbours.length];
            text |= bytes32(c) >> (8 * i);
        }
        if (length % 8 == 1 && count < 32) text |= bytes32(raw[31]) >> (8 * bound(length, count, 31));
    }

    function _isWellFormed(bytes32 text) private pure returns (bool) {
        uint256 length = 0;
        while (length < 32 && text[length] != 0) ++length;
        if (length == 0) return false;
        for (uint256 i = 0; i < 32; ++i) {
            bytes1 c = text[i];
            bool isNumberCharacter = (c >= "0" && c <= "9") || (c >= "A" && c <= "Z") || c == ".";
            if (i < length ? !isNumberCharacter : c != 0) return false;
        }
        return true;
    }
}
