// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {DiprRegister} from "../../../contracts/DiprRegister.sol";
import {IDiprRegister} from "../../../contracts/IDiprRegister.sol";
import {Test} from "./Test.sol";

/// @title Shared fixture of the DiprRegister Solidity tests.
/// @notice Deploys a fresh register on 2026-06-15 and builds valid office codes, numbers, applications and claims
/// from fuzz inputs. Offices are admitted per test, since their codes are fuzzed.
abstract contract DiprRegisterBase is Test {
    /// @dev 2026-06-15 in whole days since 1970-01-01: filing dates up to TODAY + 1 are valid.
    uint32 internal constant TODAY = 20_619;
    /// @dev Characters of a canonical application number.
    bytes internal constant NUMBER_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.";

    /// @dev The registrar handover delay the tests deploy with.
    uint48 internal constant HANDOVER_DELAY = 2 days;

    DiprRegister internal register;
    address internal registrar;

    function setUp() public virtual {
        vm.warp(uint256(TODAY) * 1 days + 12 hours);
        registrar = makeAddr("registrar");
        register = new DiprRegister(registrar, HANDOVER_DELAY);
    }

    // ------------------------------------------------------------ builders

    /// @dev Two letters A–Z chosen by two fuzz bytes.
    function _officeCode(uint8 first, uint8 second) internal pure returns (bytes2) {
        return bytes2(abi.encodePacked(_letter(first), _letter(second)));
    }

    function _letter(uint8 seed) internal pure returns (bytes1) {
        return bytes1(uint8(bound(seed, 0, 25)) + 0x41);
    }

    /// @dev A well-formed number text chosen by `seed`: 1..32 characters of `[0-9A-Z.]`, left-aligned, zero-padded.
    function _number(uint256 seed) internal pure returns (bytes32 text) {
        uint256 length = bound(seed % 256, 1, 32);
        for (uint256 i = 0; i < length; ++i) {
            bytes1 c = NUMBER_ALPHABET[uint256(keccak256(abi.encode(seed, i))) % NUMBER_ALPHABET.length];
            text |= bytes32(c) >> (8 * i);
        }
    }

    function _claim(bytes2 office, uint32 filingDate, bytes32 number)
        internal
        pure
        returns (IDiprRegister.ClaimInput memory)
    {
        return IDiprRegister.ClaimInput({office: office, filingDate: filingDate, number: number});
    }

    function _claims(IDiprRegister.ClaimInput memory claim)
        internal
        pure
        returns (IDiprRegister.ClaimInput[] memory claims)
    {
        claims = new IDiprRegister.ClaimInput[](1);
        claims[0] = claim;
    }

    function _claims(IDiprRegister.ClaimInput memory first, IDiprRegister.ClaimInput memory second)
        internal
        pure
        returns (IDiprRegister.ClaimInput[] memory claims)
    {
        claims = new IDiprRegister.ClaimInput[](2);
        claims[0] = first;
        claims[1] = second;
    }

    function _noClaims() internal pure returns (IDiprRegister.ClaimInput[] memory) {
        return new IDiprRegister.ClaimInput[](0);
    }

    /// @dev A patent application without parent.
    function _application(bytes32 number, uint32 filingDate, IDiprRegister.ClaimInput[] memory claims)
        internal
        pure
        returns (IDiprRegister.ApplicationInput memory)
    {
        return IDiprRegister.ApplicationInput({
            number: number,
            filingDate: filingDate,
            ipType: uint8(IDiprRegister.IpType.Patent),
            parentId: bytes32(0),
            linkKind: uint8(IDiprRegister.LinkKind.None),
            claims: claims
        });
    }

    // ------------------------------------------------------------ actions

    function _admitOffice(bytes2 office, address admin) internal {
        vm.prank(registrar);
        register.admitOffice(office, "Test office", admin);
    }

    function _grantSigner(bytes2 office, address admin, address signer) internal {
        vm.prank(admin);
        register.grantSigner(office, signer);
    }

    function _registerAs(address signer, bytes2 office, IDiprRegister.ApplicationInput memory application)
        internal
        returns (bytes32 id)
    {
        vm.prank(signer);
        id = register.registerApplication(office, application);
    }

    // ------------------------------------------------------------ checks

    /// @dev The whole stored record in one word, so "unchanged" is one comparison.
    function _recordHash(bytes32 id) internal view returns (bytes32) {
        return keccak256(abi.encode(register.getApplication(id)));
    }

    function _assertUnregistered(bytes32 id, string memory message) internal view {
        assertEq(bytes32(register.getApplication(id).office), bytes32(0), message);
    }
}
